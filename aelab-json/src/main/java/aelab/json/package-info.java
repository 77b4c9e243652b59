/**
 * A minimal strict JSON reader and writer ({@link aelab.json.Json}) for notebook files and Gradescope results.
 * Written here rather than adding Jackson or Gson: the grader needs only maps, lists, strings, numbers and booleans,
 * and Jupyter's exact on-disk layout (sorted keys, one-space indent) for byte-stable generated exercises.
 */
package aelab.json;
