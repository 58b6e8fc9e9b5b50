// Decodes Mapbox vector tiles with Mapbox's own decoder and prints what a client would see, as JSON:
// node decode-tiles.mjs a.mvt b.mvt … → [{ file, layers: { name: { version, extent, features: [...] } } }]
import { readFileSync } from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const decoded = process.argv.slice(2).map((file) => {
  const tile = new VectorTile(new PbfReader(readFileSync(file)));
  const layers = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      const points = feature.loadGeometry().flat();
      features.push({
        id: feature.id ?? null,
        type: ['Unknown', 'Point', 'LineString', 'Polygon'][feature.type],
        properties: feature.properties,
        minX: Math.min(...points.map((p) => p.x)),
        maxX: Math.max(...points.map((p) => p.x)),
        minY: Math.min(...points.map((p) => p.y)),
        maxY: Math.max(...points.map((p) => p.y)),
      });
    }
    layers[name] = { version: layer.version, extent: layer.extent, features };
  }
  return { file, layers };
});
process.stdout.write(JSON.stringify(decoded));
