package io.tiexin.demo;

import static io.tiexin.demo.DemoCountyGenerator.KM;
import static io.tiexin.demo.DemoCountyGenerator.OUTLINE_VERTICES;
import static io.tiexin.demo.DemoCountyGenerator.PLANE;
import static io.tiexin.demo.DemoCountyGenerator.clamp;
import static io.tiexin.demo.DemoCountyGenerator.gaussian;
import static io.tiexin.demo.DemoCountyGenerator.indexOfCountySeat;
import static io.tiexin.demo.DemoCountyGenerator.smoothStep;
import static io.tiexin.demo.DemoCountyGenerator.square;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.tiexin.demo.DemoCountyNames.Seat;
import io.tiexin.demo.DemoCountyNames.Township;
import io.tiexin.geo.LocalMetricProjection;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * The demo county's ground, in a local metric plane: the star-shaped outline, the
 * landscape (height and how densely village groups lie) and the townships as fitted
 * regions of the plane.
 */
final class CountyTerrain {

	private CountyTerrain() {
	}

	/**
	 * An equirectangular plane in metres, true to scale at the county centre; over the
	 * county's ±0.2° its scale error stays below 0.2 %, so cells drawn in it are not
	 * stretched.
	 */
	record LocalPlane(double lon0, double lat0, double metresPerDegreeLon, double metresPerDegreeLat) {

		static LocalPlane at(double lon0, double lat0) {
			LocalMetricProjection projection = new LocalMetricProjection(lat0);
			return new LocalPlane(lon0, lat0, projection.metersPerDegreeLon(), projection.metersPerDegreeLat());
		}

		Coordinate toLonLat(Coordinate metres) {
			return new Coordinate(lon0 + metres.x / metresPerDegreeLon, lat0 + metres.y / metresPerDegreeLat);
		}

		Coordinate toPlane(Coordinate lonLat) {
			return new Coordinate((lonLat.x - lon0) * metresPerDegreeLon, (lonLat.y - lat0) * metresPerDegreeLat);
		}

		double metres(Coordinate lonLatA, Coordinate lonLatB) {
			double dx = (lonLatA.x - lonLatB.x) * metresPerDegreeLon;
			double dy = (lonLatA.y - lonLatB.y) * metresPerDegreeLat;
			return StrictMath.sqrt(dx * dx + dy * dy);
		}
	}

	/**
	 * A star-shaped outline r(θ) = s·exp(Σ a_k cos(kθ − φ_k)): elongated north–south,
	 * with bays and bulges that get smaller as the harmonic k grows, like a boundary that
	 * follows ridges.
	 */
	static final class StarOutline {

		private static final int HARMONICS = 120;

		private final double scale;

		private final double[] amplitude;

		private final double[] phase;

		private StarOutline(double scale, double[] amplitude, double[] phase) {
			this.scale = scale;
			this.amplitude = amplitude;
			this.phase = phase;
		}

		static StarOutline random(SplittableRandom random, double areaM2) {
			double[] amplitude = new double[HARMONICS + 1];
			double[] phase = new double[HARMONICS + 1];
			amplitude[1] = 0.04;
			phase[1] = random.nextDouble(2 * StrictMath.PI);
			amplitude[2] = 0.2;
			phase[2] = StrictMath.PI;
			for (int k = 3; k <= HARMONICS; k++) {
				amplitude[k] = 0.3 * StrictMath.pow(k, -1.3) * (0.5 + 0.5 * random.nextDouble());
				phase[k] = random.nextDouble(2 * StrictMath.PI);
			}
			double unitArea = new StarOutline(1, amplitude, phase).polygon(OUTLINE_VERTICES).getArea();
			return new StarOutline(StrictMath.sqrt(areaM2 / unitArea), amplitude, phase);
		}

		double radius(double theta) {
			double exponent = 0;
			for (int k = 1; k <= HARMONICS; k++) {
				exponent += amplitude[k] * StrictMath.cos(k * theta - phase[k]);
			}
			return scale * StrictMath.exp(exponent);
		}

		/** Relative distance from the centre: 0 there, 1 on the outline. */
		double relativeRadius(double x, double y) {
			return StrictMath.sqrt(x * x + y * y) / radius(StrictMath.atan2(y, x));
		}

		/**
		 * Counter-clockwise; simple because every ray from the centre crosses it once.
		 */
		Polygon polygon(int vertexCount) {
			Coordinate[] ring = new Coordinate[vertexCount + 1];
			for (int i = 0; i < vertexCount; i++) {
				double theta = 2 * StrictMath.PI * i / vertexCount;
				double r = radius(theta);
				ring[i] = new Coordinate(r * StrictMath.cos(theta), r * StrictMath.sin(theta));
			}
			ring[vertexCount] = ring[0].copy();
			return PLANE.createPolygon(ring);
		}

	}

	/**
	 * Terrain and settlement: a height field in [0, 1] (hills, a river valley through the
	 * county seat, ridges along the county border) and from it how densely village groups
	 * lie — many small ones near the seats and along the valley, few large ones in the
	 * hills.
	 */
	static final class Landscape {

		private static final int HILLS = 16;

		private static final double RIVER_VALLEY_WIDTH_M = 900;

		private final StarOutline outline;

		/** Read by the sampling of cell sites, which starts each township at its seat. */
		final Coordinate[] seats;

		private final Seat[] seatKinds;

		private final double[] hillX;

		private final double[] hillY;

		private final double[] hillSigma;

		private final double[] hillHeight;

		private final Coordinate riverOrigin;

		private final double riverPhase;

		private Landscape(StarOutline outline, Coordinate[] seats, Seat[] seatKinds, double[] hillX, double[] hillY,
				double[] hillSigma, double[] hillHeight, Coordinate riverOrigin, double riverPhase) {
			this.outline = outline;
			this.seats = seats;
			this.seatKinds = seatKinds;
			this.hillX = hillX;
			this.hillY = hillY;
			this.hillSigma = hillSigma;
			this.hillHeight = hillHeight;
			this.riverOrigin = riverOrigin;
			this.riverPhase = riverPhase;
		}

		static Landscape random(SplittableRandom random, StarOutline outline, List<Township> townships,
				Coordinate[] seats) {
			double[] hillX = new double[HILLS];
			double[] hillY = new double[HILLS];
			double[] hillSigma = new double[HILLS];
			double[] hillHeight = new double[HILLS];
			for (int i = 0; i < HILLS; i++) {
				hillX[i] = random.nextDouble(-14 * KM, 14 * KM);
				hillY[i] = random.nextDouble(-19 * KM, 19 * KM);
				hillSigma[i] = random.nextDouble(1.5 * KM, 4 * KM);
				hillHeight[i] = random.nextDouble(0.5, 1.2);
			}
			Seat[] seatKinds = townships.stream().map(Township::seat).toArray(Seat[]::new);
			int countySeat = indexOfCountySeat(townships);
			return new Landscape(outline, seats, seatKinds, hillX, hillY, hillSigma, hillHeight, seats[countySeat],
					random.nextDouble(2 * StrictMath.PI));
		}

		double height(double x, double y) {
			double hills = 0;
			for (int i = 0; i < HILLS; i++) {
				hills += hillHeight[i] * gaussian(x - hillX[i], y - hillY[i], hillSigma[i]);
			}
			double upland = 1 - StrictMath.exp(-hills);
			double borderRidge = smoothStep(0.7, 1.0, outline.relativeRadius(x, y));
			double valley = StrictMath.exp(-square(x - riverX(y)) / (2 * square(RIVER_VALLEY_WIDTH_M)));
			return clamp(0.15 + 0.7 * upland + 0.35 * borderRidge - 0.5 * valley, 0, 1);
		}

		/**
		 * The river meanders north–south through the county seat, as rivers run through
		 * county towns.
		 */
		private double riverX(double y) {
			double dy = y - riverOrigin.y;
			return riverOrigin.x + 1.5 * KM * (StrictMath.sin(dy / (5 * KM) + riverPhase) - StrictMath.sin(riverPhase));
		}

		/**
		 * Relative density of village groups (per m², up to a constant). The county town
		 * peaks like a market town but spreads wider.
		 */
		double groupDensity(double x, double y) {
			double urban = 1;
			for (int t = 0; t < seats.length; t++) {
				double boost = switch (seatKinds[t]) {
					case COUNTY_SEAT -> 1.5;
					case TOWN -> 1.5;
					case RURAL -> 1.0;
				};
				double sigma = switch (seatKinds[t]) {
					case COUNTY_SEAT -> 1.8 * KM;
					case TOWN -> 1.2 * KM;
					case RURAL -> 0.9 * KM;
				};
				urban += boost * gaussian(x - seats[t].x, y - seats[t].y, sigma);
			}
			return StrictMath.exp(-1.2 * height(x, y)) * urban;
		}

	}

	/**
	 * Centres of a square raster clipped to the county; each pixel stands for its whole
	 * area.
	 */
	record Pixels(double[] x, double[] y, double pixelArea) {

		static Pixels covering(Polygon county, double size) {
			IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(county);
			Envelope envelope = county.getEnvelopeInternal();
			List<Coordinate> centres = new ArrayList<>();
			for (double y = envelope.getMinY() + size / 2; y < envelope.getMaxY(); y += size) {
				for (double x = envelope.getMinX() + size / 2; x < envelope.getMaxX(); x += size) {
					Coordinate centre = new Coordinate(x, y);
					if (inside.locate(centre) == Location.INTERIOR) {
						centres.add(centre);
					}
				}
			}
			return new Pixels(centres.stream().mapToDouble(c -> c.x).toArray(),
					centres.stream().mapToDouble(c -> c.y).toArray(), size * size);
		}

		int size() {
			return x.length;
		}
	}

	/**
	 * Townships as a power diagram of their seats — a point belongs to the seat with the
	 * least {@code distance² − weight} — with weights fitted so each township gets its
	 * target area, plus smooth per-township waves so boundaries wander like ridges
	 * instead of running straight.
	 */
	static final class TownshipPartition {

		private static final int WAVES = 3;

		private static final double WAVE_AMPLITUDE_M2 = 1.2e7;

		private static final int FITTING_ROUNDS = 200;

		private final Coordinate[] seats;

		private final double[] weight;

		private final double[][] waveKx;

		private final double[][] waveKy;

		private final double[][] wavePhase;

		private TownshipPartition(Coordinate[] seats, double[][] waveKx, double[][] waveKy, double[][] wavePhase) {
			this.seats = seats;
			this.weight = new double[seats.length];
			this.waveKx = waveKx;
			this.waveKy = waveKy;
			this.wavePhase = wavePhase;
		}

		static TownshipPartition fit(SplittableRandom random, Coordinate[] seats, List<Township> townships,
				Pixels pixels) {
			int n = seats.length;
			double[][] kx = new double[n][WAVES];
			double[][] ky = new double[n][WAVES];
			double[][] phase = new double[n][WAVES];
			for (int t = 0; t < n; t++) {
				for (int w = 0; w < WAVES; w++) {
					double wavelength = random.nextDouble(4 * KM, 9 * KM);
					double direction = random.nextDouble(StrictMath.PI);
					kx[t][w] = 2 * StrictMath.PI / wavelength * StrictMath.cos(direction);
					ky[t][w] = 2 * StrictMath.PI / wavelength * StrictMath.sin(direction);
					phase[t][w] = random.nextDouble(2 * StrictMath.PI);
				}
			}
			TownshipPartition partition = new TownshipPartition(seats, kx, ky, phase);
			partition.fitWeights(targetAreas(townships, pixels), pixels);
			return partition;
		}

		/**
		 * Raises the weight of townships short of their area and lowers it for those over
		 * it.
		 */
		private void fitWeights(double[] targetArea, Pixels pixels) {
			double[][] baseCost = new double[seats.length][pixels.size()];
			for (int t = 0; t < seats.length; t++) {
				for (int p = 0; p < pixels.size(); p++) {
					baseCost[t][p] = cost(t, pixels.x()[p], pixels.y()[p]) + weight[t];
				}
			}
			for (int round = 0; round < FITTING_ROUNDS; round++) {
				double[] area = new double[seats.length];
				for (int p = 0; p < pixels.size(); p++) {
					area[cheapest(baseCost, p)] += pixels.pixelArea();
				}
				for (int t = 0; t < seats.length; t++) {
					weight[t] += 0.4 * (targetArea[t] - area[t]);
				}
			}
		}

		private int cheapest(double[][] baseCost, int pixel) {
			int best = 0;
			for (int t = 1; t < seats.length; t++) {
				if (baseCost[t][pixel] - weight[t] < baseCost[best][pixel] - weight[best]) {
					best = t;
				}
			}
			return best;
		}

		private static double[] targetAreas(List<Township> townships, Pixels pixels) {
			double total = townships.stream().mapToDouble(Township::areaKm2).sum();
			double rasterArea = pixels.size() * pixels.pixelArea();
			return townships.stream().mapToDouble(t -> t.areaKm2() / total * rasterArea).toArray();
		}

		double cost(int t, double x, double y) {
			double waves = 0;
			for (int w = 0; w < WAVES; w++) {
				waves += StrictMath.sin(waveKx[t][w] * x + waveKy[t][w] * y + wavePhase[t][w]);
			}
			return square(x - seats[t].x) + square(y - seats[t].y) - weight[t] + WAVE_AMPLITUDE_M2 * waves / WAVES;
		}

		/**
		 * The seats as given, except where a small township's fitted region has drifted
		 * off its own seat: there the seat moves to the nearest pixel of the township.
		 */
		Coordinate[] seatsInsideTheirTownships(Pixels pixels) {
			Coordinate[] inside = new Coordinate[seats.length];
			for (int t = 0; t < seats.length; t++) {
				inside[t] = seats[t];
				if (townshipAt(seats[t].x, seats[t].y) == t) {
					continue;
				}
				double nearest = Double.MAX_VALUE;
				for (int p = 0; p < pixels.size(); p++) {
					Coordinate pixel = new Coordinate(pixels.x()[p], pixels.y()[p]);
					if (pixel.distance(seats[t]) < nearest && townshipAt(pixel.x, pixel.y) == t) {
						nearest = pixel.distance(seats[t]);
						inside[t] = pixel;
					}
				}
			}
			return inside;
		}

		int townshipAt(double x, double y) {
			int best = 0;
			double bestCost = cost(0, x, y);
			for (int t = 1; t < seats.length; t++) {
				double c = cost(t, x, y);
				if (c < bestCost) {
					best = t;
					bestCost = c;
				}
			}
			return best;
		}

	}

}
