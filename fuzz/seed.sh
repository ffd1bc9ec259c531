#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the demo specs (only files not there yet).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/spec_json corpus/json_text corpus/csv corpus/date corpus/render_svg
for f in ../www/data/*.json ../www/data/gallery/*.json; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .json)
  cp -n "$f" "corpus/spec_json/$name" 2>/dev/null || true
  cp -n "$f" "corpus/json_text/$name" 2>/dev/null || true
  [ -f "corpus/render_svg/$name" ] || { printf '\x80\x02'; cat "$f"; } > "corpus/render_svg/$name"
done
printf 'year,Trade (US$ bn),Crude (Mt)\n2016,69.52,52.48\n2017,84.07,59.7\n2018,107.06,\n' > corpus/csv/annual
printf '\xef\xbb\xbfdate;Trade (\xe2\x82\xac m)\r\n2023-01;1.234,5\r\n2023-02;"2.345,6"\r\n\r\n' > corpus/csv/semicolon
printf 'time\tA\tB\n2024-05-16T09:30:00Z\t1\tNA\n2024-05-16T09:31:00+02:00\t2\t3\n' > corpus/csv/tabs
printf 'symbol,date,price\nAAA,Jan 2 2020,10\nBBB,Jan 2 2020,20\nAAA,Jan 3 2020,11\n' > corpus/csv/long
printf 'date,description,temp\n01/31/2000,sunny,4\n02/01/2000,fog,5\n' > corpus/csv/text-column
for d in 2023 2023-Q2 2023-06 2023-06-16 2024-05-16T09:30:00Z 2024-05-16T09:30:00.123+05:30 "2024-02-29 23:59" \
         "Jan 2000" "1 Jan 2000" "Jan 1, 2000" "31.01.2000" "01/31/2000" "2000 Q1" "Q1 2000" "März 2000" "janv. 2000" "2000年1月3日"; do
  printf '%s' "$d" > "corpus/date/${d//\//-}"
done
