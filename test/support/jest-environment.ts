import vm from 'node:vm';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's node environment, with each test file's context made by
 * `vm.createContext(vm.constants.DONT_CONTEXTIFY)`: a context whose global object is an
 * ordinary one.
 *
 * Jest 30 contextifies a Proxy (its globals-cleanup tracker), and every global a test file's
 * code reads (`Math`, `Date`, `Buffer`, `process`…) then goes through V8's interceptors into
 * that Proxy (nodejs/node#31658). Hot loops pay for it many times over: five million
 * `Math.abs` calls take 3 to 6 s in Jest's context and 30 ms in ours or in plain Node, and
 * the retention advice's simulation (ts-fsrs in a loop) ran five times slower than in Node.
 * The cost: Jest's globals cleanup (freeing what a file left on its global object when the
 * file ends) has nothing to track; each file's context is dropped whole at its end anyway.
 *
 * Jest's constructor calls `vm.createContext` once; it is swapped for that one call.
 */
export default class TestEnvironmentWithPlainGlobals extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    const createContext = vm.createContext;
    vm.createContext = () => createContext(vm.constants.DONT_CONTEXTIFY);
    try {
      super(...args);
    } finally {
      vm.createContext = createContext;
    }
  }
}
