// Never loaded: the server refuses the package from its marker's contract range first.
'use strict';
throw new Error('a contract 2 provider must not be imported by a contract 1 server');
