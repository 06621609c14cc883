import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Named functions only: the page never gets ipcRenderer itself.
contextBridge.exposeInMainWorld('clinicSync', createBridge(ipcRenderer));
