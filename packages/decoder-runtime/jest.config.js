module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  testEnvironment: require.resolve('./test/ort-test-environment.js'),
};
