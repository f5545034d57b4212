#!/usr/bin/env bash
# Regenerate the render matrix: the project's own exported reports passed
# through the real tools that published reports pass through on their way to
# a reader (Word -> LibreOffice -> PDF -> text extractors; web page -> text
# browsers, pandoc, a website crawler). The results are test inputs for the
# importer (`nianbao dump FILE` should give back the source's dump); score
# them with tests/render/score.sh.
#
# Usage (from the repository root or anywhere):
#   tests/render/regen.sh            # uses $NIANBAO, default target/debug/nianbao
#   NIANBAO=target/release/nianbao tests/render/regen.sh
#
# Needs installed (Debian/Ubuntu package names; versions the committed files
# were made with in brackets):
#   poppler-utils        pdftotext            [poppler 22.12.0]
#   w3m                                       [w3m 0.5.3+git20230121]
#   lynx                                      [Lynx 2.9.0dev.12]
#   pandoc                                    [pandoc 2.17.1.1]
#   libreoffice-writer-nogui (or libreoffice-writer)  soffice  [LibreOffice 7.4.7.2]
#   fonts-noto-cjk       so the PDFs carry real Chinese glyphs (and text)
#   python3 + `pip install pdfplumber`        [pdfplumber 0.11.10, pdfminer.six 20260107]
#   python3 + `pip install "pymupdf4llm<1"`   [pymupdf4llm 0.3.4, PyMuPDF 1.28.2]
#   chromium             the page's text as select-all-copy gives it  [Chromium 156]
#   perl (for normalising PDF/HTML timestamps)
#
# Sources: saved_examples/clean.ron, saved_examples/violations.ron and the five
# saved_examples/seed_*.ron. For each, NAME = file stem; the binary exports
# NAME.html and NAME.docx into a temporary directory (not kept), and these are
# written to tests/render/out/ (all committed):
#   NAME.lo.pdf                 DOCX -> PDF        soffice --headless --convert-to pdf
#   NAME.lo-html.html           DOCX -> HTML       soffice --convert-to html
#   NAME.lo-txt.txt             DOCX -> text       soffice --convert-to "txt:Text (encoded):UTF8"
#   NAME.lo.odt                 DOCX -> ODF text   soffice --convert-to odt
#   NAME.pdftotext-layout.txt   PDF  -> text       pdftotext -layout
#   NAME.pdftotext-raw.txt      PDF  -> text       pdftotext (reading order)
#   NAME.pdfplumber.txt         PDF  -> text       pdfplumber page.extract_text(), pages joined by "\n"
#   NAME.pymupdf4llm.md         PDF  -> Markdown   pymupdf4llm.to_markdown(pdf) (what AI pipelines feed on)
#   NAME.w3m.txt                HTML -> text       w3m -dump -cols 200
#   NAME.lynx.txt               HTML -> text       lynx -dump -width=200 -nolist -display_charset=utf-8
#   NAME.pandoc-gfm.md          HTML -> gfm        pandoc -f html -t gfm
#   NAME.pandoc-strict.md       HTML -> markdown   pandoc -f html -t markdown_strict (raw HTML tables)
#   NAME.pandoc-plain.txt       HTML -> text       pandoc -f html -t plain
#   NAME.crawler.txt            HTML -> text       tests/render/crawler.py (text nodes joined, no separators)
#   NAME.crawler-space.txt      HTML -> text       tests/render/crawler.py --sep " " (joined by spaces)
#   NAME.browser.txt            HTML -> text       chromium --headless: document.body.innerText (select all, copy)
#   NAME.lo-browser.txt         LO HTML -> text    the same of LibreOffice's HTML (each cell a paragraph)
#
# Determinism: runs under LC_ALL=C.UTF-8 and TZ=UTC with a private, fresh
# LibreOffice profile; the PDF's CreationDate/ModDate, /ID and /DocChecksum and the
# LibreOffice HTML's created/changed meta are overwritten with fixed values of
# the same length (so PDF xref offsets stay valid). Everything else is as the
# tools produce it.

set -euo pipefail

export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

NIANBAO=${NIANBAO:-target/debug/nianbao}
OUT="$HERE/out"

for tool in "$NIANBAO" soffice pdftotext w3m lynx pandoc python3 perl chromium; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] || { echo "regen.sh: missing $tool" >&2; exit 2; }
done
python3 -c 'import pdfplumber' 2>/dev/null || { echo "regen.sh: missing python module pdfplumber (pip install pdfplumber)" >&2; exit 2; }
python3 -c 'import pymupdf4llm' 2>/dev/null || { echo "regen.sh: missing python module pymupdf4llm (pip install 'pymupdf4llm<1')" >&2; exit 2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/export" "$TMP/lo" "$TMP/profile"

SOURCES=(saved_examples/clean.ron saved_examples/violations.ron)
for f in saved_examples/seed_*.ron; do SOURCES+=("$f"); done

rm -rf "$OUT"
mkdir -p "$OUT"

# 1. exports by the project binary
for src in "${SOURCES[@]}"; do
    name=$(basename "$src" .ron)
    "$NIANBAO" convert "$src" -o "$TMP/export/$name.html"
    "$NIANBAO" convert "$src" -o "$TMP/export/$name.docx"
done

# 2. LibreOffice, all documents per format in one run (fresh private profile)
lo() {
    soffice -env:UserInstallation="file://$TMP/profile" --headless --norestore \
        --convert-to "$1" --outdir "$TMP/lo" "$TMP"/export/*.docx >"$TMP/lo.log" 2>&1 \
        || { cat "$TMP/lo.log" >&2; exit 1; }
}
lo pdf
lo html
lo "txt:Text (encoded):UTF8"
lo odt

pdfplumber_text() {
    python3 - "$1" <<'PY'
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = [(p.extract_text() or "") for p in pdf.pages]
sys.stdout.write("\n".join(pages) + "\n")
PY
}

# The page's innerText (what select all + copy gives), through headless Chromium.
browser_text() {
    local page="$TMP/innertext.html"
    cat "$1" >"$page"
    echo '<script>var t=document.body.innerText;document.body.innerHTML="";var p=document.createElement("pre");p.id="innertext";p.textContent=t;document.body.appendChild(p);</script>' >>"$page"
    chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$page" 2>/dev/null | python3 -c '
import sys, html, re
m = re.search(r"<pre id=\"innertext\">(.*?)</pre>", sys.stdin.read(), re.S)
sys.stdout.write(html.unescape(m.group(1)) if m else "")'
}

pymupdf4llm_markdown() {
    python3 -c 'import sys, pymupdf4llm; sys.stdout.write(pymupdf4llm.to_markdown(sys.argv[1]))' "$1" 2>/dev/null
}

for src in "${SOURCES[@]}"; do
    name=$(basename "$src" .ron)
    html="$TMP/export/$name.html"
    pdf="$OUT/$name.lo.pdf"

    for f in "$TMP/lo/$name.pdf" "$TMP/lo/$name.html" "$TMP/lo/$name.txt"; do
        [ -s "$f" ] || { echo "regen.sh: LibreOffice did not produce $f" >&2; cat "$TMP/lo.log" >&2; exit 1; }
    done

    # PDF with fixed timestamps and ID (same byte length, xref stays valid)
    perl -0777 -pe '
        s{(/(?:CreationDate|ModDate)\s*\(D:)(\d+)}{$1 . substr("20000101000000" . ("0" x 20), 0, length $2)}ge;
        s{(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)>}{$1 . ("0" x length $2) . $3 . ("0" x length $4) . ">"}ge;
        s{(/DocChecksum\s*/)([0-9A-Fa-f]+)}{$1 . ("0" x length $2)}ge;
    ' "$TMP/lo/$name.pdf" >"$pdf"
    perl -pe 's{(<meta name="(?:created|changed)" content=")[^"]*}{${1}2000-01-01T00:00:00}g' \
        "$TMP/lo/$name.html" >"$OUT/$name.lo-html.html"
    cp "$TMP/lo/$name.txt" "$OUT/$name.lo-txt.txt"
    cp "$TMP/lo/$name.odt" "$OUT/$name.lo.odt"

    pdftotext -layout -enc UTF-8 "$pdf" "$OUT/$name.pdftotext-layout.txt"
    pdftotext -enc UTF-8 "$pdf" "$OUT/$name.pdftotext-raw.txt"
    pdfplumber_text "$pdf" >"$OUT/$name.pdfplumber.txt"
    pymupdf4llm_markdown "$pdf" >"$OUT/$name.pymupdf4llm.md"

    w3m -dump -cols 200 -I UTF-8 -O UTF-8 -T text/html "$html" >"$OUT/$name.w3m.txt"
    lynx -dump -width=200 -nolist -display_charset=utf-8 -assume_charset=utf-8 "$html" >"$OUT/$name.lynx.txt"
    pandoc -f html -t gfm "$html" -o "$OUT/$name.pandoc-gfm.md"
    pandoc -f html -t markdown_strict "$html" -o "$OUT/$name.pandoc-strict.md"
    pandoc -f html -t plain "$html" -o "$OUT/$name.pandoc-plain.txt"
    python3 "$HERE/crawler.py" "$html" >"$OUT/$name.crawler.txt"
    python3 "$HERE/crawler.py" --sep " " "$html" >"$OUT/$name.crawler-space.txt"
    browser_text "$html" >"$OUT/$name.browser.txt"
    browser_text "$OUT/$name.lo-html.html" >"$OUT/$name.lo-browser.txt"
done

echo "regen.sh: $(ls "$OUT" | wc -l) files in ${OUT#"$ROOT"/}, $(du -sh "$OUT" | cut -f1)"
