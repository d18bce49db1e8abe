/*
 * value.h - the value every expression, variable and indicator carries.
 *
 * A value is a number, a text (a qualitative word such as 达成), or one of the
 * states that must never turn silently into 0: missing (the department did not
 * report it), undefined (division by zero, a domain error) or not applicable
 * (不适用). A non-number keeps why it is so (`why`, `at`), so the reason shown
 * to the analyst names the variable or the operation.
 */
#ifndef JX_VALUE_H
#define JX_VALUE_H

#include <stdint.h>

typedef enum {
	JX_VAL_NUM = 0,
	JX_VAL_TEXT = 1,
	JX_VAL_MISSING = 2,
	JX_VAL_UNDEF = 3,
	JX_VAL_NA = 4 /* 不适用 / n/a: the indicator is excluded */
} jx_val_kind;

typedef enum {
	JX_WHY_NONE = 0,
	JX_WHY_MISSING_VAR, /* at = variable slot */
	JX_WHY_MISSING_IND, /* at = indicator index whose value was missing */
	JX_WHY_UNDEF_IND,   /* at = indicator index whose value was undefined */
	/* For the next four, `at` is the index of the instruction that failed in
	 * the program that produced the value; jx_program_describe() turns it
	 * into the operation's source text. */
	JX_WHY_DIV_ZERO,     /* x / 0 */
	JX_WHY_DOMAIN,       /* e.g. a negative number to a fractional power */
	JX_WHY_NOT_FINITE,   /* the result overflowed to infinity */
	JX_WHY_TEXT_IN_MATH, /* a word (达成) used where a number is needed */
	JX_WHY_NA            /* the department marked the value not applicable */
} jx_why;

typedef struct {
	union {
		double num;       /* JX_VAL_NUM */
		const char *text; /* JX_VAL_TEXT: NUL-terminated, owned by the batch */
	} u;
	uint8_t kind; /* jx_val_kind */
	uint8_t why;  /* jx_why, for MISSING / UNDEF / NA */
	uint16_t reserved;
	uint32_t at; /* see jx_why */
} jx_val;

static inline jx_val jx_val_number(double x)
{
	jx_val v = {{.num = x}, JX_VAL_NUM, JX_WHY_NONE, 0, 0};
	return v;
}

static inline jx_val jx_val_text(const char *s)
{
	jx_val v = {{.text = s}, JX_VAL_TEXT, JX_WHY_NONE, 0, 0};
	return v;
}

static inline jx_val jx_val_state(jx_val_kind kind, jx_why why, uint32_t at)
{
	jx_val v = {{.num = 0}, (uint8_t)kind, (uint8_t)why, 0, at};
	return v;
}

#endif
