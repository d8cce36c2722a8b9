package io.takedown.signals.media.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/** One shared library opened for the life of the process, and downcall handles to its functions. */
final class NativeLibrary {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("malloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private final String name;
    private final SymbolLookup lookup;

    private NativeLibrary(String name, SymbolLookup lookup) {
        this.name = name;
        this.lookup = lookup;
    }

    /**
     * Opens the first of {@code fileNames} the dynamic linker finds (the versioned Debian name first: the
     * unversioned link exists only with the -dev package).
     *
     * @throws IllegalStateException naming the package to install when none is found
     */
    static NativeLibrary open(String what, String debianPackage, List<String> fileNames) {
        for (String fileName : fileNames) {
            try {
                return new NativeLibrary(fileName, SymbolLookup.libraryLookup(fileName, Arena.global()));
            } catch (IllegalArgumentException notFound) {
                // try the next name
            }
        }
        throw new IllegalStateException(what + " not found (" + String.join(", ", fileNames)
                + "); install Debian's " + debianPackage);
    }

    String name() {
        return name;
    }

    MethodHandle function(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = lookup.find(symbol).orElseThrow(() ->
                new IllegalStateException(name + " lacks " + symbol + "; it is too old"));
        return LINKER.downcallHandle(address, descriptor);
    }

    /**
     * Native memory that is not cleared first ({@link Arena#allocate} zeroes, which costs as much as a copy
     * on a 36 MB frame that the decoder overwrites anyway), freed when {@code arena} closes.
     *
     * @throws OutOfMemoryError when the C heap cannot provide it
     */
    static MemorySegment uninitialised(long bytes, Arena arena) {
        MemorySegment block;
        try {
            block = (MemorySegment) MALLOC.invokeExact(Math.max(1L, bytes));
        } catch (Throwable e) {
            throw new IllegalStateException("malloc failed", e);
        }
        if (block.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes of native memory");
        }
        return block.reinterpret(bytes, arena, NativeLibrary::free);
    }

    private static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable e) {
            throw new IllegalStateException("free failed", e);
        }
    }

    /** A NUL-terminated C string, read defensively (at most 1,000 bytes). */
    static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        return pointer.reinterpret(1000).getString(0);
    }
}
