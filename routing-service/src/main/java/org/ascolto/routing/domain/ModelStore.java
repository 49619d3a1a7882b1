package org.ascolto.routing.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;

import com.github.pemistahl.lingua.api.LanguageDetector;

import opennlp.tools.ml.model.MaxentModel;

/**
 * Compiled models kept on disk between starts, each under a key of everything its training reads: the examples, the
 * taxonomy's, the model version's settings that change features, the bytes of the classes that extract features and
 * train, and the versions of OpenNLP, Lucene and Lingua. A start that finds its key loads the table in about a second
 * instead of learning it (tens of seconds, and most of the heap); anything else that changed makes another key, so a
 * table is never used for training it did not come from. The folder must be the user's own, which no one else may
 * write in. The files hold feature hashes and weights, no text. The newest few are kept; deleting the folder only makes
 * the next start learn again.
 */
public final class ModelStore {

    /** How many tables the folder keeps: the versions in service and the ones a rollback or a gate asks for. */
    static final int KEPT = 12;
    private static final String SUFFIX = ".models";
    private static final System.Logger LOG = System.getLogger(ModelStore.class.getName());
    /** The classes whose code decides the features and the training: a change to any of them makes new keys. */
    private static final List<Class<?>> TRAINING_CODE = List.of(ContactClassifier.class, CompiledModels.class, LanguageDetection.class,
            TextAnalysis.class, Arabizi.class, FeatureHash.class, TrainingExample.class);
    /** A class of each library the training uses, whose version is part of the key. */
    private static final List<Class<?>> LIBRARIES = List.of(MaxentModel.class, Analyzer.class, ItalianAnalyzer.class, LanguageDetector.class);
    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d[^/]*)\\.jar$");
    private static final String CODE = codeFingerprint();

    private final Optional<Path> folder;

    private ModelStore(Optional<Path> folder) {
        this.folder = folder;
    }

    /**
     * A store in this folder, made when missing; none (every table learnt) when the setting is empty, or when the folder
     * is not the user's alone, with a warning.
     */
    public static ModelStore in(Optional<String> folder) {
        Optional<Path> own = folder.filter(name -> !name.isBlank()).map(Path::of);
        if (own.isPresent() && !ownFolder(own.get())) {
            LOG.log(Level.WARNING, own.get() + " is not a folder of " + System.getProperty("user.name") + " alone (its owner, or others"
                    + " may write in it): a table planted there would route contacts, so tables are learnt at every start");
            return none();
        }
        return new ModelStore(own);
    }

    /** No store: every table is learnt. */
    public static ModelStore none() {
        return new ModelStore(Optional.empty());
    }

    /** A key under construction: what a table's training read, in order. */
    static final class Key {

        private final MessageDigest digest;

        private Key() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The key of a table of this kind, learnt by this code. */
        Key(String what) {
            this();
            add(what).add(CODE);
        }

        Key add(String part) {
            return add(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        }

        private Key add(byte[] bytes) {
            // its length first, so that parts never run into each other
            digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
            digest.update(bytes);
            return this;
        }

        String name() {
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        }
    }

    /** Where a table came from: learnt here, or loaded from the store. */
    record Table(CompiledModels models, String origin) {
    }

    /** The table stored under this key, else the one {@code training} learns, stored for the next start. */
    Table table(String key, Supplier<CompiledModels> training) {
        if (folder.isEmpty()) {
            return new Table(training.get(), "learnt");
        }
        Path file = folder.get().resolve(key + SUFFIX);
        if (Files.isRegularFile(file)) {
            try {
                CompiledModels stored = CompiledModels.read(file);
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                return new Table(stored, "loaded from " + file);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read the stored table " + file + ", learning it again: " + e);
            }
        }
        CompiledModels learnt = training.get();
        Path partial = null;
        try {
            partial = Files.createTempFile(folder.get(), key, ".partial");
            learnt.write(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            keepNewest();
            return new Table(learnt, "learnt, stored in " + file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot store the table in " + folder.get() + ", it is learnt at every start: " + e);
            deleteQuietly(partial);
            return new Table(learnt, "learnt");
        }
    }

    /** Deletes what a failed write left, if anything: the folder is reported already, and a leftover is only space. */
    private static void deleteQuietly(Path partial) {
        try {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + partial + ": " + e);
        }
    }

    /**
     * Whether the folder (created so, when missing) is this user's, a real folder, and no one else may write in it: the
     * default one is in the shared temporary folder, where another user could make it first.
     */
    static boolean ownFolder(Path folder) {
        try {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
            return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                    && Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                    && !mode.contains(PosixFilePermission.GROUP_WRITE) && !mode.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Deletes every stored table: after a citizen's words left a corpus, no table learnt from them stays. */
    public void clear() throws IOException {
        for (Path file : tables()) {
            Files.deleteIfExists(file);
        }
    }

    private void keepNewest() throws IOException {
        List<Path> tables = tables();
        for (Path old : tables.subList(0, Math.max(0, tables.size() - KEPT))) {
            Files.deleteIfExists(old);
        }
    }

    /** The stored tables, oldest used first. */
    private List<Path> tables() throws IOException {
        if (folder.isEmpty() || !Files.isDirectory(folder.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder.get())) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(ModelStore::lastModified)).toList();
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.from(Instant.EPOCH);
        }
    }

    /** The training code's bytes and the libraries' versions. */
    private static String codeFingerprint() {
        Key code = new Key();
        for (Class<?> type : TRAINING_CODE) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("no class file for " + type.getName());
                }
                code.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LIBRARIES.forEach(library -> code.add(library.getPackageName() + "=" + versionOf(library)));
        return code.name();
    }

    /** The version in the name of the library's jar, or where its classes are when they are not in one. */
    static String versionOf(Class<?> library) {
        CodeSource source = library.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return "unknown";
        }
        Matcher version = JAR_VERSION.matcher(location.getPath());
        return version.find() ? version.group(1) : location.toString();
    }
}
