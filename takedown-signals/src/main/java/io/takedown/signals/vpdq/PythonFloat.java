package io.takedown.signals.vpdq;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code format(x, '.3')}, which python-threatexchange uses for vPDQ time stamps in the exchange
 * form: three significant digits, correctly rounded (half to even on the exact binary value), trailing zeros
 * dropped but one digit kept after the point, and scientific notation from 100 up ({@code 1.23e+02}) and
 * below 0.0001. Exchanged hashes must be byte-identical to HMA's, quirks included.
 */
final class PythonFloat {

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

    private PythonFloat() {
    }

    static String threeSignificant(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal rounded = new BigDecimal(value).round(THREE_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 2) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.setScale(0).toPlainString() : mantissa.toPlainString();
            return digits + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        BigDecimal fixed = rounded.setScale(Math.max(0, 2 - exponent), RoundingMode.UNNECESSARY).stripTrailingZeros();
        String text = fixed.scale() <= 0 ? fixed.setScale(0).toPlainString() : fixed.toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
