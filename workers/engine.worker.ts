/// <reference lib="webworker" />
// First: the document schemas are built as their modules load, and must not compile code (see the file).
import '../src/runtime/custom/interpreted-parsers';
import * as Comlink from 'comlink';
import { createDigitsSource, createWorkerApi, DIGITS_PATH, EngineService, lockDownWorkerScope } from '../src/runtime';

// Taken before the scope is locked down: the digits are fetched later, on demand, with the
// worker's own fetch, kept to that one address (whatever reached it could fetch nothing else).
const fetchFile = self.fetch.bind(self);
const digitsUrl = new URL(import.meta.env.BASE_URL + DIGITS_PATH, self.location.href).href;
const digits = createDigitsSource(() => fetchFile(digitsUrl), digitsUrl);

// Imports have run (and kept what they need of the scope); nothing else may reach out.
const endpoint = lockDownWorkerScope(self);
Comlink.expose(createWorkerApi(new EngineService({ digits })), endpoint as Comlink.Endpoint);
