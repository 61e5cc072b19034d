"""Publishing a post to its site's repository: the pure parts.

``git_objects`` (git blob SHAs), ``plan`` (which files go where, the branch name, the table of
contents entry, which blobs must be uploaded), ``pull_request`` (the form a site asks for and
the title and body made from it), ``state`` (what was published, stored with the post).
"""
