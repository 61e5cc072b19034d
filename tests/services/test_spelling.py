"""The offline speller: word lists, the site's words, the personal dictionary, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.services.spelling import PersonalDictionary, Speller


@pytest.fixture(scope="module")
def english() -> Speller:
    return Speller("en", ["SharePoint", "Power Automate"])


def test_known_and_unknown_words(english: Speller) -> None:
    assert english.is_correct("receive")
    assert english.is_correct("Receive")
    assert english.is_correct("author's")
    assert english.is_correct("don\u2019t")  # a typographic apostrophe counts like a plain one
    assert not english.is_correct("recieve")
    assert not english.is_correct("teh")


def test_the_sites_words_count_in_any_case_and_part_by_part(english: Speller) -> None:
    assert english.is_correct("SharePoint")
    assert english.is_correct("sharepoint")
    assert english.is_correct("Automate")
    assert not english.is_correct("Dataverse")
    english.add_words(["Dataverse"])
    assert english.is_correct("Dataverse")


def test_suggestions_keep_the_words_capitals(english: Speller) -> None:
    assert english.suggestions("recieve")[0] == "receive"
    assert english.suggestions("Recieve")[0] == "Receive"
    assert "the" in english.suggestions("teh")


def test_other_languages_load_and_unknown_ones_are_refused() -> None:
    german = Speller("de")
    assert german.is_correct("Straße")
    assert not german.is_correct("Strase")
    with pytest.raises(ValueError, match="no word list"):
        Speller("xx")


def test_the_personal_dictionary_is_a_sorted_file_and_survives_damage(tmp_path: Path) -> None:
    dictionary = PersonalDictionary(tmp_path / "config" / "dictionary.txt")
    assert dictionary.words() == []
    dictionary.add("Postwright")
    dictionary.add("appsettings")
    dictionary.add("Postwright")
    assert dictionary.path.read_text(encoding="utf-8") == "appsettings\nPostwright\n"
    dictionary.path.write_bytes(b"\xff\xfe not utf-8")
    assert dictionary.words() == []  # unreadable: no words, no crash


#: Known, misspelt one or two edits away, numbers, punctuation, apostrophes, accents.
WORDS = {
    "en": [
        "receive",
        "recieve",
        "teh",
        "the",
        "author's",
        "don't",
        "sharepoint",
        "1999",
        "3.5",
        "nan",
        ",",
        "colour",
        "color",
        "definately",
        "wich",
        "café",
        "naïve",
        "a",
        "i",
        "x",
        "zz",
    ],
    "de": ["straße", "strase", "haus", "huas", "über", "uber", "2024", ",", "müller"],
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_packed_word_list_answers_as_pyspellchecker_does(language: str) -> None:
    from spellchecker import SpellChecker

    from editor.services.spelling import WordList

    packed = WordList.for_language(language)
    reference = SpellChecker(language=language, distance=2)
    frequencies = reference.word_frequency
    # every word of the list, with its count (the list is read without its JSON parser)
    assert len(packed) == len(frequencies.dictionary)
    assert packed.total == frequencies.total_words
    assert all(packed.count(word) == count for word, count in frequencies.items())
    for word in WORDS[language]:
        assert packed.known([word]) == reference.known([word]), word
        assert packed.candidates(word) == (reference.candidates(word) or set()), word
        assert packed.count(word) == reference.word_frequency[word], word


def test_a_missing_word_list_is_refused_plainly() -> None:
    from editor.services.spelling import WordList

    with pytest.raises(ValueError, match="no word list"):
        WordList.for_language("xx")


def test_word_lists_are_read_as_pyspellchecker_reads_them() -> None:
    from editor.services.spelling import WordList, json_entries

    text = '{\n"teams": 3,\n"Teams": 2,\n"caf\\u00e9": 7, "say \\"hi\\"":1}'
    entries = list(json_entries(text))
    assert entries == [("teams", 3), ("Teams", 2), ("café", 7), ('say "hi"', 1)]
    words = WordList(dict(entries))
    assert len(words) == 3  # words that differ only in case are one word...
    assert words.count("teams") == 5  # ...with their counts added up
    assert words.count("café") == 7
    assert words.total == 13
