#!/usr/bin/env python3
"""Writes seeded, generated texts full of tokenizer edge cases, one per line:
fragments of our own (words, emoji, emoticons, URLs, hashtags, obfuscations,
fancy Unicode, invalid UTF-8, elongations) glued with and without blanks, so
that two builds of the scorer can be compared where real posts rarely go
(compare_builds.sh appends them to the evaluation texts).

    edge_texts.py [COUNT] [SEED] > texts
"""
import random
import sys

WORDS = ["enak", "banget", "gak", "tidak", "bagus", "not", "good", "ora", "apik", "kopi", "sama", "sekali",
         "tapi", "but", "pernah", "gagal", "mantul", "lemot", "zonk", "never", "very", "no", "problem",
         "the", "is", "dan", "yg", "bgt", "sangat", "kurang", "lumayan", "nanging", "sae", "awon", "love",
         "hate", "apakah", "meskipun", "although", "slot", "gacor", "maxwin", "togel", "deposit", "wa"]
SHAPES = [str.upper, str.capitalize, lambda w: w, lambda w: w,
          lambda w: w[:-1] + w[-1] * 4 if w else w,            # elongated
          lambda w: w[:1] + w[1:].upper(),                      # odd capitals
          lambda w: w + "-" + w,                                 # reduplication
          lambda w: w.replace("o", "0").replace("a", "4"),      # obfuscated
          lambda w: w.replace("a", "@").replace("s", "$")]
PIECES = ["!", "!!!", "?", "??", ".", "...", ",", ";", ":", "(", ")", '"', "'", "-", "--", "_", "#", "@", "$",
          "=", "<", ">", "*", "^", "/", "%", "&", "+", "~", "|", "\\", "`", "[", "]", "{", "}",
          ":)", ":-(", ":(", ":D", ":d", "xD", "XD", "<3", "</3", "=)", ";)", "^_^", ":'(", "8)", ":p", ":P",
          "😍", "😡", "👍🏽", "❤️", "🙏", "😭", "🔥", "☕", "⭐", "\u200d", "\ufe0f", "\u00a0", "\u2019", "\u2018", "\u02bc",
          "don't", "it's", "don\u2019t", "e-wallet", "baik-baik", "goo'od", "baa-aad", "aa'aa", "a'b'c",
          "mother-in-law", "rock'n'roll", "9'9", "A'B", "x-", "-x", "I'M", "we're-", "s1ot", "g4cor", "s@l3", "$ale", "m4nt4p",
          "#KopiSenjaLemot", "#kopisenjalemot", "#enak_banget", "#GAKENAK", "#a1b2", "#123", "#x",
          "#XMLHttpRequest", "#SOOOGood", "#kopiiiienak", "#Promo2024Gacor", "#iPhone15Pro", "#aaAa", "#ABc",
          "#" + "kopi" * 15, "#" + "Kopi" * 15, "#_x", "#x_", "#Ab_Cd",
          "@user", "@_x", "@k0pi.senja", "user@mail.com",
          "http://x.co/a", "https://wa.me/628123", "www.slot.com", "HTTPS://A.B", "wwwx", "hhtp", "whatsapp",
          "08123456789", "0812-3456-7890", "628123456789", "62", "1234567890123456", "a1b2", "123", "3x", "x3",
          "Ｓｌｏｔ", "𝐬𝐥𝐨𝐭", "𝟎𝟖", "ⓢⓛⓞⓣ", "🅢🅛🅞🅣", "café", "naïve", "ÜBER", "Đẹp", "ŁÓDŹ", "×", "÷", "¡", "¿",
          "…", "‼", "⁉", "—", "–", "日本語", "Привет", "مرحبا", "\t", "\r",
          "aaaa", "AAAA", "heeeelp", "gooood", "LOL", "Aa", "aA", "x" * 70, "ab" * 40, "Q",
          b"\xff".decode("latin-1"), "\x01", "\x7f"]
GLUE = ["", " ", " ", " ", "  ", "\t", ", ", ". ", "! ", "? ", "\u00a0"]


def fragment(rng):
    if rng.random() < 0.5:
        return rng.choice(SHAPES)(rng.choice(WORDS))
    return rng.choice(PIECES)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261123)
    out = sys.stdout.buffer
    for _ in range(count):
        parts = []
        # A quarter run long, so that words and marks straddle 64-byte blocks.
        for _ in range(rng.randint(1, 14) if rng.random() < 0.75 else rng.randint(15, 45)):
            parts.append(fragment(rng))
            parts.append(rng.choice(GLUE))
        text = "".join(parts)
        # \xff stands for a stray byte of invalid UTF-8.
        data = text.encode("utf-8").replace("\u00ff".encode("utf-8"), b"\xff")
        out.write(data + b"\n")


if __name__ == "__main__":
    main()
