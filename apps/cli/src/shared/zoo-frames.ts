// One rule for every command: the latent frames that give a number of output frames (@evalkit/bench).
export { latentFramesFor } from '@evalkit/bench';
