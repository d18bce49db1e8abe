/*
 * model.h - the engine's model, below every stage (docs/design.md, "The
 * model"): the types a loaded rule set, a batch of departments and a
 * scored result are made of, the scoring methods' definitions and the
 * literals departments write. Each stage has its own header for its
 * functions (load/load.h, evaluate/evaluate.h, stats/stats.h,
 * output/output.h); this one holds types and what every stage decides the
 * same way.
 *
 *   load/      YAML -> jx_rules; files -> jx_batch
 *   compile/   expressions -> jx_program (called by the loader)
 *   evaluate/  jx_rules x jx_batch -> jx_result
 *   stats/     ranks and batch statistics over a jx_result (GSL)
 *   output/    jx_result -> JSON, CSV, text, xlsx, html
 *   api/       include/jixiao.h over the stages
 */
#ifndef JX_MODEL_H
#define JX_MODEL_H

#include "batch.h"
#include "literal.h"
#include "method.h"
#include "result.h"
#include "rules.h"
#include "unit.h"

#endif
