import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openKeyValueStore } from '../editor/persist/idb';
import { createEditorStore } from '../editor/store/editor-store';
import { App } from './App';

const store = createEditorStore();
const kv = openKeyValueStore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} kv={kv} />
  </StrictMode>,
);
