import { splitIncomplete } from '../../src/rules/split-incomplete.js';
import { ruleTester } from '../helpers/rule-tester.js';

const fence = (body: string) => ['```mermaid', 'graph TD', body, '```'].join('\n');
const OVERVIEW = fence(
  ['    R[Platform] --> A[Ingest]', '    R --> B[Store]', '    R --> C[Serve]', '    A --> A1[Kafka]', '    B --> B1[Postgres]', '    C --> C1[API]'].join('\n'),
);
const DATA = fence(['    R[Platform] --> A[Ingest]', '    R --> B[Store]', '    A --> A1[Kafka]', '    B --> B1[Postgres]'].join('\n'));

ruleTester(splitIncomplete, {
  valid: [
    { name: 'views covering everything', code: [OVERVIEW, DATA, fence('    R[Platform] --> C[Serve]\n    C --> C1[API]')].join('\n') },
    { name: 'a single view is an excerpt, not a split', code: [OVERVIEW, DATA].join('\n') },
    { name: 'views covering too little', code: [OVERVIEW, fence('    R[Platform] --> A[Ingest]'), fence('    R[Platform] --> C[Serve]')].join('\n') },
    {
      name: 'a lower threshold is an option',
      code: [OVERVIEW, DATA, fence('    R[Platform] --> C[Serve]\n    C --> C1[API]')].join('\n'),
      options: { minCoverage: 0.5, minViews: 2 },
    },
  ],
  invalid: [
    {
      name: 'a node no view shows',
      code: [OVERVIEW, DATA, fence('    R[Platform] --> C[Serve]')].join('\n'),
      errors: [{ line: 8, column: 14, message: 'Node `API` of the overview is in none of the 2 views split from it (lines 11, 18); add it to one of them' }],
    },
    {
      name: 'an edge no view draws',
      code: [OVERVIEW, DATA, fence('    R[Platform] --> C[Serve]'), fence('    C[Serve] --> X[Cache]\n    Y[API]')].join('\n'),
      errors: [{ line: 8, column: 7, message: /Edge `Serve` → `API` of the overview is in none of the 3 views/ }],
    },
  ],
});
