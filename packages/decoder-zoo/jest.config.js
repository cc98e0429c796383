module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
  // shares typed-array constructors with the test realm so real onnxruntime sessions work under jest
  testEnvironment: require.resolve('./test/ort-test-environment.js'),
};
