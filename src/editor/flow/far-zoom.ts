import { createContext, useContext } from 'react';

/** Below this zoom the figures' text is too small to read: a node shows only its gradient's colour. */
export const FIGURES_MIN_ZOOM = 0.35;

/**
 * Whether the canvas is zoomed out below FIGURES_MIN_ZOOM, provided by the canvas: one
 * subscription to the viewport for the whole graph. A subscription in every node and edge
 * would run hundreds more selectors on every frame of a drag.
 */
export const FarZoom = createContext(false);

export const useFarZoom = (): boolean => useContext(FarZoom);
