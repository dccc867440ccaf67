// The committed OpenAPI documents are what the code generates (run `npm run openapi` after a change).
// Integration project: it loads the built apps.
const { main } = require('../scripts/openapi.js') as { main: (check: boolean) => Promise<string[]> };

describe('committed OpenAPI documents', () => {
  it('match the documents generated from the apps', async () => {
    expect(await main(true)).toEqual([]);
  });
});
