#!/usr/bin/env node
// Derives libs/co/code-lists/belfiore.csv from the npm package @marketto/belfiore-connector-embedded (MIT
// code; data by the Ministero dell'Interno/ANPR and the Agenzia delle Entrate under CC BY 4.0 and ISTAT
// under CC BY 3.0). Every comune that ever existed since 1861 and every foreign state, each with its
// validity window, so a codice fiscale issued for a birth in a comune merged or suppressed since stays
// valid. The table is derived, never edited by hand: a unit test (code-lists/belfiore.spec.ts) fails when
// the shipped file and the installed package disagree.
//
//   node libs/co/scripts/derive-belfiore.js            # rewrites libs/co/code-lists/belfiore.csv
//   node libs/co/scripts/derive-belfiore.js --check    # exit 1 if the shipped file is stale
//
// After an update of the package: run it, bump the belfiore version in code-lists/manifest.json (the
// version names the package version) and its completeUntil (the latest date in the data).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGE = '@marketto/belfiore-connector-embedded';
const OUT = join(__dirname, '..', 'code-lists', 'belfiore.csv');
/** The package's "no end": a place still valid. */
const OPEN_END = '9999-12-31';
const SOURCES = {
  "Ministero dell'Interno": 'ANPR',
  'Agenzia delle Entrate': 'AdE',
  'Istituto nazionale di statistica': 'ISTAT',
};

// For the comuni of a few provinces instituted after the war (Pordenone 1968, Isernia 1970, Oristano 1974)
// the data give the province's institution as the comune's start: Oristano, G113 since 1861, would refuse
// everyone born there before 1974. A start day shared by this many comuni of one province after 1945 is
// such a reorganisation (the comuni kept their codes), so those rows get no lower bound; the largest true
// wave of new comuni on one day in one province is 17 (Trentino's mergers of 2016-01-01).
const REORGANISATION_MIN_COMUNI = 30;
const REORGANISATION_AFTER = '1945-01-01';

/** The package builds its dates with dayjs in local time: read them back with the local getters. */
function isoDate(d) {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function cell(v) {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function packageVersion() {
  return JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')).version;
}

/** The CSV text of the table, rows sorted by code. */
async function belfioreCsv() {
  const connector = require(PACKAGE).default;
  const places = await connector.toArray();
  const lines = [
    `# Derived by libs/co/scripts/derive-belfiore.js from ${PACKAGE}@${packageVersion()}; do not edit by hand.`,
    '# Data: Ministero dell\'Interno (ANPR) and Agenzia delle Entrate, CC BY 4.0; ISTAT, CC BY 3.0.',
    'code,description,provincia,tipo,valid_from,valid_to,source',
  ];
  const rows = places
    .map((p) => {
      const stato = p.belfioreCode.startsWith('Z');
      const to = isoDate(p.expirationDate);
      const source = SOURCES[p.dataSource && p.dataSource.name];
      if (!source) throw new Error(`unknown data source for ${p.belfioreCode}`);
      return [p.belfioreCode, p.name.trim(), stato ? '' : p.province, stato ? 'stato' : 'comune', isoDate(p.creationDate), to === OPEN_END ? '' : to, source];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const starts = new Map();
  for (const r of rows) if (r[3] === 'comune') starts.set(`${r[2]} ${r[4]}`, (starts.get(`${r[2]} ${r[4]}`) ?? 0) + 1);
  for (const r of rows) {
    if (r[3] === 'comune' && r[4] > REORGANISATION_AFTER && starts.get(`${r[2]} ${r[4]}`) >= REORGANISATION_MIN_COMUNI) r[4] = '';
  }
  for (const r of rows) lines.push(r.map(cell).join(','));
  return `${lines.join('\n')}\n`;
}

module.exports = { belfioreCsv, packageVersion, BELFIORE_CSV: OUT };

if (require.main === module) {
  belfioreCsv().then(
    (text) => {
      if (process.argv.includes('--check')) {
        const same = readFileSync(OUT, 'utf8') === text;
        process.stdout.write(same ? 'belfiore.csv is up to date\n' : 'belfiore.csv differs from the package: run this script without --check\n');
        process.exit(same ? 0 : 1);
      }
      writeFileSync(OUT, text);
      process.stdout.write(`wrote ${text.split('\n').length - 4} rows to ${OUT}\n`);
    },
    (err) => {
      process.stderr.write(`${err.stack}\n`);
      process.exit(1);
    },
  );
}
