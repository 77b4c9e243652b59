package aelab.grade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One graded part of an assignment: an nbgrader grade cell of the instructor's copy ({@code grade: true},
 * {@code grade_id}, {@code points}) with its hidden probes and its forbidden identifiers from
 * {@code metadata.aelab}. Becomes one Gradescope test.
 *
 * <p>{@code metadata.aelab} fields: {@code probes} (array, required, see {@link Probe}), {@code name} (test name
 * shown in Gradescope; default the grade_id), {@code forbidden} (array of strings; a solution cell whose code,
 * comments removed, contains one of them earns 0 for this part, e.g. {@code "GaussianKl."} so that calling the
 * library's own implementation earns nothing; entries that are packages, e.g. {@code "aelab.gaussian"}, are also
 * checked at run time by {@link RuntimeForbiddenCheck}), {@code solution_ids} (array of the solution cells' grade_ids that
 * the forbidden list applies to; default the nearest solution cell above the grade cell).
 */
public final class GradeItem {
    private final String gradeId;
    private final String name;
    private final double points;
    private final int cellIndex;
    private final List<Probe> probes;
    private final List<String> forbidden;
    private final List<String> solutionIds;

    private GradeItem(String gradeId, String name, double points, int cellIndex, List<Probe> probes,
            List<String> forbidden, List<String> solutionIds) {
        this.gradeId = gradeId;
        this.name = name;
        this.points = points;
        this.cellIndex = cellIndex;
        this.probes = Collections.unmodifiableList(probes);
        this.forbidden = Collections.unmodifiableList(forbidden);
        this.solutionIds = Collections.unmodifiableList(solutionIds);
    }

    /** Reads a grade cell of the instructor's copy; {@code previousSolutionId} is the default solution cell. */
    static GradeItem fromCell(Cell cell, String previousSolutionId) {
        String id = cell.gradeId();
        Map<String, Object> meta = cell.aelab();
        Object probeList = meta.get("probes");
        if (!(probeList instanceof List) || ((List<?>) probeList).isEmpty()) {
            throw new NotebookException("grade cell " + id + " needs a non-empty metadata.aelab.probes array");
        }
        List<?> raw = (List<?>) probeList;
        double explicit = 0;
        int withoutPoints = 0;
        for (Object p : raw) {
            if (!(p instanceof Map)) {
                throw new NotebookException("grade cell " + id + ": each probe must be a JSON object, got " + p);
            }
            Object pts = ((Map<?, ?>) p).get("points");
            if (pts instanceof Number) {
                explicit += ((Number) pts).doubleValue();
            } else {
                withoutPoints++;
            }
        }
        double share = withoutPoints == 0 ? 0 : (cell.points() - explicit) / withoutPoints;
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            probes.add(Probe.fromJson(id, i, (Map<?, ?>) raw.get(i), share));
        }
        double sum = probes.stream().mapToDouble(Probe::points).sum();
        if (Math.abs(sum - cell.points()) > 1e-9) {
            throw new NotebookException("grade cell " + id + ": probe points must add up to the cell's points "
                    + cell.points() + ", got " + sum);
        }
        List<String> solutionIds = strings(id, meta, "solution_ids");
        if (solutionIds.isEmpty() && previousSolutionId != null) {
            solutionIds.add(previousSolutionId);
        }
        Object name = meta.get("name");
        return new GradeItem(id, name instanceof String ? (String) name : id, cell.points(), cell.index(), probes,
                strings(id, meta, "forbidden"), solutionIds);
    }

    private static List<String> strings(String id, Map<String, Object> meta, String key) {
        List<String> out = new ArrayList<>();
        Object v = meta.get(key);
        if (v == null) {
            return out;
        }
        if (!(v instanceof List)) {
            throw new NotebookException("grade cell " + id + ": metadata.aelab." + key + " must be an array of strings");
        }
        for (Object s : (List<?>) v) {
            if (!(s instanceof String) || ((String) s).isEmpty()) {
                throw new NotebookException("grade cell " + id + ": metadata.aelab." + key
                        + " must contain non-empty strings, got " + s);
            }
            out.add((String) s);
        }
        return out;
    }

    public String gradeId() {
        return gradeId;
    }

    /** The Gradescope test name. */
    public String name() {
        return name;
    }

    public double points() {
        return points;
    }

    /** Index of the grade cell in the instructor's copy. */
    public int cellIndex() {
        return cellIndex;
    }

    public List<Probe> probes() {
        return probes;
    }

    public List<String> forbidden() {
        return forbidden;
    }

    public List<String> solutionIds() {
        return solutionIds;
    }
}
