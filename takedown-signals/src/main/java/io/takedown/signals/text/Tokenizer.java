package io.takedown.signals.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalised text into words with ICU's word break rules, which segment Chinese, Japanese, Thai,
 * Lao, Khmer and Burmese with dictionaries, so scripts written without spaces still yield words.
 * Punctuation, spaces and symbols are dropped. Not thread-safe; one per thread.
 */
public final class Tokenizer {

    private final BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);

    public List<String> tokens(String normalized) {
        List<String> tokens = new ArrayList<>();
        words.setText(normalized);
        int start = words.first();
        for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
            if (words.getRuleStatus() != BreakIterator.WORD_NONE) {
                tokens.add(normalized.substring(start, end));
            }
        }
        return tokens;
    }
}
