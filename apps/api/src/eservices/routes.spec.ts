import { EserviceController, OperazioneEservice } from './eservice.controller';
import { operationOf } from './routes';

// routes.ts documents each e-service's operation by its handler: a write's is named as it likes and marked.
describe('the operation of an e-service controller', () => {
  it('is the method marked @OperazioneEservice(), or else consulta', () => {
    class Scrittura extends EserviceController {
      @OperazioneEservice()
      invia() {}
      altro() {}
    }
    class Lettura extends EserviceController {
      consulta() {}
    }
    expect(operationOf(Scrittura)).toBe(Scrittura.prototype.invia);
    expect(operationOf(Lettura)).toBe(Lettura.prototype.consulta);
  });

  it('is refused at boot when missing or ambiguous', () => {
    class Nessuna extends EserviceController {
      invia() {}
    }
    class Due extends EserviceController {
      @OperazioneEservice()
      a() {}
      @OperazioneEservice()
      b() {}
    }
    expect(() => operationOf(Nessuna)).toThrow(/no operation/);
    expect(() => operationOf(Due)).toThrow(/more than one/);
  });
});
