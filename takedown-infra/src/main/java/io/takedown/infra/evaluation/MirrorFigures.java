package io.takedown.infra.evaluation;

import java.util.List;

/**
 * Mirror detection against ground truth on one world: every site the range runs (world mirrors, further
 * mirrors, mirrors registered in reaction to removals, update hosts, decoys) observed on loopback, each
 * outlet known by its main domain only.
 *
 * @param mirrors true mirrors (sites an outlet runs as a copy of itself; update hosts are not counted)
 * @param proposals proposals made for sites other than update hosts
 * @param correct proposals naming a true mirror's own outlet
 * @param missed true mirrors not proposed for their outlet
 * @param wrong proposals that name a decoy or the wrong outlet
 * @param overTls sites observed over HTTPS, their certificate recorded
 * @param keyEvidence right proposals with a shared certificate or key among their evidence
 */
public record MirrorFigures(long seed, String size, int sites, int mirrors, int proposals, int correct, List<String> missed,
                            List<String> wrong, int overTls, int keyEvidence) {

    public MirrorFigures {
        missed = List.copyOf(missed);
        wrong = List.copyOf(wrong);
    }

    public double precision() {
        return proposals == 0 ? 1 : (double) correct / proposals;
    }

    public double recall() {
        return mirrors == 0 ? 1 : (double) correct / mirrors;
    }
}
