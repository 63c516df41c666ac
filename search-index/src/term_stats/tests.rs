use super::*;

/// Two words have the same key exactly when they are the same word, at every length
/// around the 8 and 16 bytes a short key holds, and with æøå (two bytes each).
#[test]
fn word_keys_are_equal_only_for_equal_words() {
    let words = [
        "a",
        "b",
        "ab",
        "ba",
        "abcdefg",
        "abcdefgh",
        "abcdefgi",
        "abcdefghi",
        "bbcdefghi",
        "abcdefghijklmnop",
        "abcdefghijklmnoq",
        "abcdefghijklmnopq",
        "abcdefghijklmnopr",
        "ø",
        "øa",
        "aø",
        "strålebehandling",
        "strålebehandlingen",
        "strålebehandlinger",
    ];
    for a in words {
        for b in words {
            assert_eq!(WordKey::of(a) == WordKey::of(b), a == b, "{a} / {b}");
        }
        let copy = a.to_owned();
        assert!(
            WordKey::of(a) == WordKey::of(&copy),
            "{a} by its text, not its place"
        );
    }
}
