// Checks GeoJSON with @placemarkio/check-geojson (RFC 7946) and the RFC's ring orientation (§3.1.6:
// exterior rings counter-clockwise, holes clockwise) and 6-decimal advice (§11.2).
// node check-geojson.mjs file.json → JSON list of problems (empty when all is well). The file holds a
// JSON array of GeoJSON objects.
import { readFileSync } from 'node:fs';
import { check } from '@placemarkio/check-geojson';

const problems = [];
const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Twice the signed area (shoelace): positive when the ring runs counter-clockwise.
const signedArea = (ring) => ring.reduce((sum, [x1, y1], i) => {
  const [x2, y2] = ring[(i + 1) % ring.length];
  return sum + (x1 * y2 - x2 * y1);
}, 0);

function checkPolygon(rings, where) {
  rings.forEach((ring, i) => {
    const area = signedArea(ring);
    if (i === 0 && area <= 0) problems.push(`${where}: exterior ring is clockwise`);
    if (i > 0 && area >= 0) problems.push(`${where}: hole ${i} is counter-clockwise`);
  });
}

function visit(geometry, where) {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Polygon': checkPolygon(geometry.coordinates, where); break;
    case 'MultiPolygon': geometry.coordinates.forEach((polygon, i) => checkPolygon(polygon, `${where}[${i}]`)); break;
    case 'GeometryCollection': geometry.geometries.forEach((g, i) => visit(g, `${where}.geometries[${i}]`)); break;
    case 'Feature': visit(geometry.geometry, where); break;
    case 'FeatureCollection': geometry.features.forEach((f, i) => visit(f, `${where}.features[${i}]`)); break;
    default: break;
  }
}

function decimals(value, where) {
  if (Array.isArray(value)) value.forEach((v) => decimals(v, where));
  else if (typeof value === 'number' && Math.abs(Math.round(value * 1e6) / 1e6 - value) > 1e-12) {
    problems.push(`${where}: ${value} has more than 6 decimals`);
  }
}

objects.forEach((object, i) => {
  try {
    check(JSON.stringify(object));
  } catch (error) {
    problems.push(`#${i}: ${error.message}`);
  }
  visit(object, `#${i}`);
  const coordinates = [];
  const collect = (g) => {
    if (!g) return;
    if (g.coordinates) coordinates.push(g.coordinates);
    (g.geometries ?? []).forEach(collect);
    (g.features ?? []).forEach((f) => collect(f.geometry));
    if (g.type === 'Feature') collect(g.geometry);
  };
  collect(object);
  decimals(coordinates, `#${i}`);
});
process.stdout.write(JSON.stringify(problems.slice(0, 50)));
