import { normalisePlaceName } from '@fieldops/geo';
import type { PoiContext } from '../config';
import { placeRepository } from '../db/place.repository';
import type { KnownPlaces } from '../geocoding/offline-geocoder';
import { searchNearby } from './nearby-search';

/** The whole text and its longest words: "Ya Kun Far East Square" also finds "… Far East Square, Singapore". */
function searchTerms(text: string): string[] {
  const words = text
    .split(/[\s,，、]+/u)
    .filter((w) => [...w].length >= 4)
    .sort((a, b) => b.length - a.length);
  return [...new Set([text, ...words.slice(0, 2)])];
}

/**
 * The offline geocoder's view of this service's places. It answers addresses, not records, so it reads every
 * country: a point near a border gets the nearest address whichever side it is on.
 */
export function knownPlaces(ctx: PoiContext): KnownPlaces {
  return {
    matching(text, country, limit) {
      const terms = searchTerms(text);
      return placeRepository.matchingText(ctx.db, country, terms, terms.map(normalisePlaceName), limit);
    },
    async nearest(point, radius) {
      const { hits } = await searchNearby(ctx.db, { centre: point, radius, limit: 1, scope: { country: null } });
      return hits[0];
    },
  };
}
