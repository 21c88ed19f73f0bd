// Loading this package fails, as a package published with a missing build would.
'use strict';
require('./dist/not-built.js');
