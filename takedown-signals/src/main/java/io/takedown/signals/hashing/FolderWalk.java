package io.takedown.signals.hashing;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Expands the paths a user named into the files to hash, recursively and in a stable order (by path text),
 * so two runs over the same tree print the same rows in the same order. Directories that cannot be listed
 * become failed rows; symbolic links are not followed, so a link loop cannot trap the walk.
 */
public final class FolderWalk {

    private FolderWalk() {
    }

    public static List<HashTarget> expand(List<Path> inputs) {
        List<HashTarget> targets = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input, LinkOption.NOFOLLOW_LINKS)) {
                targets.add(new HashTarget(input, input.toString(), Optional.of("no such file or directory")));
            } else if (Files.isDirectory(input)) {
                targets.addAll(walk(input));
            } else {
                targets.add(HashTarget.of(input));
            }
        }
        return targets;
    }

    private static List<HashTarget> walk(Path root) {
        List<HashTarget> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        found.add(HashTarget.of(file));
                    } else if (attributes.isSymbolicLink()) {
                        if (Files.isRegularFile(file)) {
                            found.add(HashTarget.of(file));
                        } else if (!Files.exists(file)) {
                            found.add(new HashTarget(file, file.toString(), Optional.of("no such file: broken symbolic link")));
                        }
                        // A link to a folder is not followed: it could loop or leave the tree.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(new HashTarget(file, file.toString(), Optional.of(describe(e))));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            found.add(new HashTarget(root, root.toString(), Optional.of(describe(e))));
        }
        found.sort(Comparator.comparing(HashTarget::displayPath));
        return found;
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return "cannot list: " + e.getMessage();
    }
}
