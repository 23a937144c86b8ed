import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Natural Earth's 1:50m countries (public domain), shipped as a file of the app: no tile or data server needed.
import countriesUrl from 'world-atlas/countries-50m.json?url';

/** Land to fill, coastlines and the borders between countries, in WGS-84. */
export interface NaturalEarth {
  land: FeatureCollection<Geometry>;
  coastline: MultiLineString;
  borders: MultiLineString;
}

let loading: Promise<NaturalEarth> | undefined;

/** Loads and converts the TopoJSON once per page; every map of the page shares it. */
export function naturalEarth(): Promise<NaturalEarth> {
  loading ??= fetch(countriesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`Natural Earth answered ${response.status}`);
      return response.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>;
    })
    .then((topology) => {
      const countries = topology.objects.countries;
      return {
        land: feature(topology, countries) as FeatureCollection<Geometry>,
        // An arc used by one country only is a coast; one shared by two is a border.
        coastline: mesh(topology, countries, (a, b) => a === b),
        borders: mesh(topology, countries, (a, b) => a !== b),
      };
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
