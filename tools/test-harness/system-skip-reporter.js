// Jest reporter (jest.preset.js): collects the tests skipped by requireSystemTool (their titles carry
// "[system check skipped: TOOLS (Debian PACKAGES)]"), prints them after the run with the reason, and
// writes them to <project>/.system-skips.json. `npm test` ends by summing those files over every
// project (summarize-system-skips.js); the file is an Nx output of the test target, so a cached run
// restores it and the count stays right. Each project writes its own file: Nx's parallel runs never race.
const { writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const MARK = /\[system check skipped: ([^()]+) \(Debian ([^()]+)\)\]\s*(.*)$/;

class SystemSkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.skips = [];
  }

  onTestResult(_test, result) {
    for (const t of result.testResults) {
      if (t.status !== 'pending' && t.status !== 'skipped') continue;
      const m = MARK.exec(t.fullName);
      if (!m) continue;
      this.skips.push({
        file: relative(this.rootDir, result.testFilePath),
        test: t.fullName.slice(0, m.index).trim(),
        tools: m[1].trim().split(/\s+/),
        debianPackages: m[2].trim().split(/\s+/),
        reason: m[3],
      });
    }
  }

  onRunComplete() {
    writeFileSync(join(this.rootDir, '.system-skips.json'), JSON.stringify({ skips: this.skips }, null, 2) + '\n');
    if (this.skips.length === 0) return;
    const lines = this.skips.map((s) => `  ${s.file}: ${s.test} (${s.reason})`);
    process.stderr.write(`${this.skips.length} system check${this.skips.length === 1 ? '' : 's'} skipped here:\n${lines.join('\n')}\n`);
  }
}

module.exports = SystemSkipReporter;
