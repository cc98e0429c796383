module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  // real onnxruntime sessions need the main realm's typed arrays (see test/ort-test-environment.js)
  testEnvironment: require.resolve('./test/ort-test-environment.js'),
};
