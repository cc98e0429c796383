// The rule lives with the zoo (decoder-zoo); commands that import it from here get the same function.
export { latentFramesFor } from '@evalkit/decoder-zoo';
