#!/usr/bin/python3
"""openhours.py: a catalog import file that opens the center all day.

  openhours.py CATALOG.json OUT.json NAME

From a catalog export (bianmin catalog export), writes OUT.json: the same
center open 00:00-23:59 every day of the week, and the days of a run
(yesterday to a week on, China dates) as working days named NAME, so the
measuring scripts (longrun.sh, bench-taps.sh) can register at any hour
(bianmin catalog import OUT.json).
"""
import datetime, json, sys

cat = json.load(open(sys.argv[1]))
center = cat['center']
center['hours'] = [{'weekday': d, 'opens': '00:00', 'closes': '23:59'} for d in range(7)]
today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
days = [{'day': str(today + datetime.timedelta(days=i)), 'kind': 'workday', 'name': sys.argv[3]}
        for i in range(-1, 8)]
json.dump({'format': cat['format'], 'center': center, 'calendar': days},
          open(sys.argv[2], 'w'), ensure_ascii=False, indent=1)
