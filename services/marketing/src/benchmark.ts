// What the benchmarks measure below the marketing service's API: the pure parts of a launch (the stratified
// holdout, the invitation link) and the segment's own filter of a search hit. Other services never import it.
export { splitHoldout } from './domain/holdout';
export { signInvitation } from './domain/invitation-link';
export { matchesHitFilters } from './domain/segment-filters';
