#!/usr/bin/env python3
"""Writes src/CertManager.Core/Chain/Rules/public-suffixes-icann.txt from Debian's publicsuffix package.

Usage (on Debian/Ubuntu):  apt-get install -y publicsuffix && python3 scripts/generate-public-suffixes.py
Only the ICANN section of the Public Suffix List is kept (the registries browsers refuse wildcards directly under;
private suffixes such as cloud hosting domains are not kept), each rule as A-labels (IDNA), one per line, sorted.
The console does not depend on the package at run time; the generated file is committed and embedded in Core.
"""
import pathlib
import subprocess

SOURCE = pathlib.Path("/usr/share/publicsuffix/public_suffix_list.dat")
TARGET = pathlib.Path(__file__).resolve().parent.parent / "src/CertManager.Core/Chain/Rules/public-suffixes-icann.txt"


def a_label(rule: str) -> str:
    prefix = "!" if rule.startswith("!") else ""
    labels = rule.lstrip("!").split(".")
    return prefix + ".".join(label if label == "*" else label.encode("idna").decode("ascii") for label in labels)


def main() -> None:
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "publicsuffix"], capture_output=True, text=True, check=False
    ).stdout.strip() or "unknown"
    rules = []
    inside = False
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line == "// ===BEGIN ICANN DOMAINS===":
            inside = True
        elif line == "// ===END ICANN DOMAINS===":
            break
        elif inside and line and not line.startswith("//"):
            rules.append(a_label(line.split()[0].lower()))
    header = [
        "# Public Suffix List (https://publicsuffix.org/), ICANN section only, as A-labels; one rule per line.",
        f"# Snapshot of Debian's publicsuffix package {version} ({SOURCE}), written by scripts/generate-public-suffixes.py.",
        "# Do not edit by hand: rerun the script. Licence: MPL 2.0 (the list's own).",
    ]
    TARGET.write_text("\n".join(header + sorted(set(rules))) + "\n", encoding="utf-8")
    print(f"wrote {len(set(rules))} ICANN suffix rules to {TARGET}")


if __name__ == "__main__":
    main()
