// What the benchmarks measure below the POI service's API: the search GET /api/v1/places/nearby runs, and the demo
// cities with the place generator. Other services never import it: they go through RPC and events.
export { searchNearby } from './app/nearby-search';
export { DEMO_CITIES, demoCity } from './seed/demo-cities';
export { placeDrafts } from './seed/place-generator';
