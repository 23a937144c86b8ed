/**
 * The apps work in WGS-84 end to end: the device's GPS, the BFF's answers and the map's data layers. The REST API
 * answers in the caller's country's system unless asked (GCJ-02 in China), so calls that send or read positions
 * add this query.
 */
export const WGS84 = { coords: 'WGS84' } as const;
