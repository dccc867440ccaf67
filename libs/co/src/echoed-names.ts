// Member and element names the sender wrote and that come back in a problem's or warning's path (an
// unknown JSON member, an XML element the model does not read). They are request data: a name that is not
// a plain identifier of sane length is shown as `*`, so an answer cannot be made to carry arbitrary text.
// (The ingest also masks anything shaped like a codice fiscale in every path it returns.)
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export function echoedName(name: string): string {
  return PLAIN_NAME.test(name) ? name : '*';
}
