/*
 * round.h - rounding as a spreadsheet's ROUND does it (docs/rules.md).
 *
 * Half away from zero on the decimal value the user sees, not on the binary
 * double: ROUND(1.005, 2) = 1.01 although 1.005 is stored as 1.00499999...
 * The number is first taken to 15 significant digits (what a spreadsheet
 * keeps), then rounded in decimal.
 */
#ifndef JX_ROUND_H
#define JX_ROUND_H

#include <stddef.h>

/* ROUND(x, digits) for digits in [0, 15]; NaN and infinities pass through. */
double jx_round(double x, int digits);

/* Writes jx_round(x, digits) with exactly `digits` decimals ("35.23"), never
 * "-0.00" (negative zero prints as "0.00"). Returns snprintf's count. */
int jx_format_fixed(char *buf, size_t size, double x, int digits);
/* The same into buf (room for 24 bytes; no NUL) when the value is clearly
 * away from a half and below 1e9 (scores, rates): returns the length, or 0
 * when jx_format_fixed must decide. For writers of many numbers. */
size_t jx_format_fixed_short(char *buf, double x, int digits);

/* Shortest text that reads back as the same double ("0.1", "1607",
 * "0.35233501425126068"), for JSON. NaN/inf are the caller's business. */
int jx_format_shortest(char *buf, size_t size, double x);

#endif
