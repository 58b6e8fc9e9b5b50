package io.tiexin.analytics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Gi* and its bins against cases worked out by hand, planted clusters and spatially
 * random data.
 */
class GetisOrdGiStarTest {

	/**
	 * Five cells in a row, each a neighbour of the next, with counts 1 2 3 4 10.
	 *
	 * <pre>
	 * n = 5, &Sigma;x = 20, x&#772; = 4, &Sigma;x&sup2; = 130, S = sqrt(130/5 - 4&sup2;) = sqrt(10)
	 * end cells:    W = 2 (itself and one neighbour), sqrt((5*2 - 2&sup2;)/4) = sqrt(1.5)
	 * middle cells: W = 3,                            sqrt((5*3 - 3&sup2;)/4) = sqrt(1.5)
	 * so every denominator is sqrt(10) * sqrt(1.5) = sqrt(15), and
	 * cell 0: (1 + 2)      - 4*2 = -5    z = -5/sqrt(15)
	 * cell 1: (1 + 2 + 3)  - 4*3 = -6    z = -6/sqrt(15)
	 * cell 2: (2 + 3 + 4)  - 4*3 = -3    z = -3/sqrt(15)
	 * cell 3: (3 + 4 + 10) - 4*3 =  5    z =  5/sqrt(15)
	 * cell 4: (4 + 10)     - 4*2 =  6    z =  6/sqrt(15) = 1.5491933384829668
	 * two-sided p = erfc(|z| / sqrt 2): 6/sqrt(15) -> 0.12133525035848217, 5/sqrt(15) -> 0.19670560245894692
	 * </pre>
	 */
	@Test
	void fiveCellsInARowAsWorkedOutByHand() {
		double[] counts = { 1, 2, 3, 4, 10 };
		int[][] neighbours = { { 1 }, { 0, 2 }, { 1, 3 }, { 2, 4 }, { 3 } };

		double[] z = GetisOrdGiStar.zScores(counts, neighbours);

		double root15 = Math.sqrt(15);
		assertThat(z[0]).isCloseTo(-5 / root15, within(1e-9));
		assertThat(z[1]).isCloseTo(-6 / root15, within(1e-9));
		assertThat(z[2]).isCloseTo(-3 / root15, within(1e-9));
		assertThat(z[3]).isCloseTo(5 / root15, within(1e-9));
		assertThat(z[4]).isCloseTo(1.5491933384829668, within(1e-9));
		assertThat(GetisOrdGiStar.pValue(z[4])).isCloseTo(0.12133525035848217, within(1e-9));
		assertThat(GetisOrdGiStar.pValue(z[0])).isCloseTo(0.19670560245894692, within(1e-9));
	}

	@Test
	void aCellListedAmongItsOwnNeighboursCountsOnce() {
		double[] counts = { 1, 2, 3, 4, 10 };
		int[][] withoutSelf = { { 1 }, { 0, 2 }, { 1, 3 }, { 2, 4 }, { 3 } };
		int[][] withSelf = { { 0, 1 }, { 0, 1, 2 }, { 1, 2, 3 }, { 2, 3, 4 }, { 3, 4 } };

		assertThat(GetisOrdGiStar.zScores(counts, withSelf))
			.containsExactly(GetisOrdGiStar.zScores(counts, withoutSelf), within(1e-12));
	}

	@Test
	void equalCountsHaveNoHotSpots() {
		double[] z = GetisOrdGiStar.zScores(new double[] { 3, 3, 3, 3 },
				new int[][] { { 1 }, { 0, 2 }, { 1, 3 }, { 2 } });

		assertThat(z).containsOnly(0.0);
	}

	/**
	 * Ten p-values (all hot), m = 10. Benjamini-Hochberg: the largest rank k with p(k) <=
	 * k/10 * alpha.
	 *
	 * <pre>
	 * rank      1     2     3     4     5     6     7     8     9     10
	 * p       .001  .008  .039  .041  .042  .060  .074  .205  .212  .216
	 * a=.10   .010  .020  .030  .040  .050  .060  .070  .080  .090  .100   k = 6 (p .060 <= .060), threshold .060
	 * a=.05   .005  .010  .015  .020  .025  .030  .035  .040  .045  .050   k = 2, threshold .008
	 * a=.01   .001  .002  ...                                              k = 1, threshold .001
	 * </pre>
	 *
	 * So with FDR: .001 -> 3, .008 -> 2, .039 .041 .042 .060 -> 1, the rest 0. Without:
	 * .001 .008 -> 3, .039 .041 .042 -> 2, .060 .074 -> 1.
	 */
	@Test
	void benjaminiHochbergAsWorkedOutByHand() {
		double[] p = { 0.001, 0.008, 0.039, 0.041, 0.042, 0.060, 0.074, 0.205, 0.212, 0.216 };
		double[] z = { 3.3, 2.7, 2.1, 2.0, 2.0, 1.9, 1.8, 1.3, 1.2, 1.2 };

		assertThat(HotspotBins.benjaminiHochbergThreshold(p, 0.10)).isEqualTo(0.060);
		assertThat(HotspotBins.benjaminiHochbergThreshold(p, 0.05)).isEqualTo(0.008);
		assertThat(HotspotBins.benjaminiHochbergThreshold(p, 0.01)).isEqualTo(0.001);
		assertThat(HotspotBins.of(z, p, true)).containsExactly(3, 2, 1, 1, 1, 1, 0, 0, 0, 0);
		assertThat(HotspotBins.of(z, p, false)).containsExactly(3, 3, 2, 2, 2, 1, 1, 0, 0, 0);
	}

	@Test
	void coldSpotsHaveNegativeBins() {
		assertThat(HotspotBins.of(new double[] { -3, 3, -1 }, new double[] { 0.002, 0.002, 0.5 }, false))
			.containsExactly(-3, 3, 0);
	}

	@Test
	void aPlantedClusterIsFoundOnALattice() {
		SplittableRandom random = new SplittableRandom(7);
		Lattice lattice = new Lattice(30);
		double[] counts = new double[lattice.size()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = poisson(random, 4);
		}
		for (int row = 10; row < 13; row++) {
			for (int column = 20; column < 23; column++) {
				counts[lattice.index(row, column)] += 12;
			}
		}

		int[] bins = bins(counts, lattice, true);

		assertThat(bins[lattice.index(11, 21)]).isEqualTo(3);
		for (int row = 10; row < 13; row++) {
			for (int column = 20; column < 23; column++) {
				assertThat(bins[lattice.index(row, column)]).as("cell %d,%d", row, column).isPositive();
			}
		}
		assertThat(bins[lattice.index(0, 0)]).isZero();
	}

	/**
	 * Independent Poisson counts on a 30 x 30 lattice, 20 times: without correction about
	 * 10 % of cells come out significant at 90 % (that is what 90 % means); with the
	 * false discovery rate correction the share of significant cells stays below the
	 * rate.
	 */
	@Test
	void spatiallyRandomDataShowsNoHotSpotsBeyondTheFalseDiscoveryRate() {
		SplittableRandom random = new SplittableRandom(11);
		Lattice lattice = new Lattice(30);
		List<Double> uncorrected = new ArrayList<>();
		List<Double> corrected = new ArrayList<>();
		for (int run = 0; run < 20; run++) {
			double[] counts = new double[lattice.size()];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = poisson(random, 5);
			}
			uncorrected.add(significantShare(bins(counts, lattice, false)));
			corrected.add(significantShare(bins(counts, lattice, true)));
		}
		double meanUncorrected = uncorrected.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		assertThat(meanUncorrected).isBetween(0.05, 0.15);
		assertThat(corrected).allSatisfy(share -> assertThat(share).isLessThanOrEqualTo(0.10));
		assertThat(corrected.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isLessThan(0.02);
	}

	private static int[] bins(double[] counts, Lattice lattice, boolean fdr) {
		double[] z = GetisOrdGiStar.zScores(counts, lattice.queenNeighbours());
		double[] p = new double[z.length];
		for (int i = 0; i < z.length; i++) {
			p[i] = GetisOrdGiStar.pValue(z[i]);
		}
		return HotspotBins.of(z, p, fdr);
	}

	private static double significantShare(int[] bins) {
		return (double) java.util.Arrays.stream(bins).filter(bin -> bin != 0).count() / bins.length;
	}

	private static int poisson(SplittableRandom random, double mean) {
		double limit = Math.exp(-mean);
		double product = random.nextDouble();
		int count = 0;
		while (product > limit) {
			product *= random.nextDouble();
			count++;
		}
		return count;
	}

	/**
	 * Square cells, neighbours sharing an edge or a corner, as GRID hot spots define
	 * them.
	 */
	private record Lattice(int side) {

		int size() {
			return this.side * this.side;
		}

		int index(int row, int column) {
			return row * this.side + column;
		}

		int[][] queenNeighbours() {
			int[][] neighbours = new int[size()][];
			for (int row = 0; row < this.side; row++) {
				for (int column = 0; column < this.side; column++) {
					List<Integer> found = new ArrayList<>();
					for (int dr = -1; dr <= 1; dr++) {
						for (int dc = -1; dc <= 1; dc++) {
							int r = row + dr;
							int c = column + dc;
							if ((dr != 0 || dc != 0) && r >= 0 && r < this.side && c >= 0 && c < this.side) {
								found.add(index(r, c));
							}
						}
					}
					neighbours[index(row, column)] = found.stream().mapToInt(Integer::intValue).toArray();
				}
			}
			return neighbours;
		}
	}

}
