/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createWorkerApi } from '../src/runtime/expose';

Comlink.expose(createWorkerApi());
