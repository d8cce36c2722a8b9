package io.takedown.app;

import io.takedown.audit.AuditLog;
import io.takedown.audit.AuditVerifier;
import io.takedown.audit.LogFiles;
import io.takedown.audit.Signer;
import io.takedown.audit.backup.Backups;
import io.takedown.audit.witness.Cosigning;
import io.takedown.banks.BankStore;
import io.takedown.banks.exchange.BankImport;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.cases.ReferralService;
import io.takedown.operations.afteraction.AfterActionService;
import io.takedown.operations.board.BoardService;
import io.takedown.operations.deconfliction.Deconfliction;
import io.takedown.operations.dispatch.Dispatcher;
import io.takedown.operations.dispatch.Strike;
import io.takedown.operations.dispatch.OutboxDispatcher;
import io.takedown.operations.plan.ActionPlanning;
import io.takedown.cases.AgencyKeys;
import io.takedown.operations.plan.GoNoGo;
import io.takedown.infra.evaluation.InfraEvaluation;
import io.takedown.infra.evaluation.InfraFigures;
import io.takedown.infra.mirrors.MirrorReview;
import io.takedown.infra.observe.RangeMirrorScan;
import io.takedown.infra.resurfacing.BankContentMatcher;
import io.takedown.infra.resurfacing.RemovalIntake;
import io.takedown.infra.resurfacing.ResurfacingWatch;
import io.takedown.orders.OrderDelivery;
import io.takedown.orders.OrderOutbox;
import io.takedown.monitor.MonitorService;
import io.takedown.monitor.Channels;
import io.takedown.monitor.evidence.EvidenceService;
import io.takedown.monitor.evidence.WarcArchive;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.orders.OrderService;
import io.takedown.orders.OrderStaging;
import io.takedown.orders.delivery.DeliverySettings;
import io.takedown.oversight.AuditReview;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The platform's services, wired once from a {@link TakedownConfig}. Each service is built on first use
 * (a {@code hash} run never opens the database) and shared afterwards; {@link #close()} releases what was
 * opened, in reverse order. The CLI opens one per command; the server one per process.
 */
public final class Takedown implements AutoCloseable {

    private final TakedownConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private final Lazy<Database> database;
    private final Lazy<SignalRegistry> signals;
    private final Lazy<BankStore> banks = new Lazy<>(() -> new BankStore(database(), signals(), clock()));
    private final Lazy<MatchService> matching;
    private final Lazy<BankImport> bankImport = new Lazy<>(() -> new BankImport(banks(), this::matching));
    private final Lazy<Signer> signer;
    private final Lazy<AuditLog> audit = new Lazy<>(() -> new AuditLog(database(), this::signer, clock(), logFiles()));
    private final Lazy<AuditReview> auditReview = new Lazy<>(() -> new AuditReview(database(), audit(), this::auditTrust));
    private final Lazy<Directory> directory = new Lazy<>(() -> new Directory(database(), audit()));
    private final Lazy<CaseService> cases = new Lazy<>(() -> new CaseService(database(), audit(), clock()));
    private final Lazy<ReferralService> referrals =
            new Lazy<>(() -> new ReferralService(database(), directory(), audit(), clock()));
    private final Lazy<OrderService> orders =
            new Lazy<>(() -> new OrderService(database(), directory(), audit(), agencyKeys(), clock()));
    private final Lazy<OrderStaging> orderStaging = new Lazy<>(() -> new OrderStaging(database(), audit()));
    private final Lazy<AgencyKeys> agencyKeys;
    private final Lazy<ActionPlanning> actionPlanning = new Lazy<>(() -> new ActionPlanning(database(), directory(),
            orders(), referrals(), audit(), agencyKeys(), clock()));
    private final Lazy<GoNoGo> goNoGo = new Lazy<>(() -> new GoNoGo(database(), orders(), audit(), clock()));
    private final Lazy<Deconfliction> deconfliction = new Lazy<>(() -> new Deconfliction(database(), audit(), clock()));
    private final Lazy<Strike> strike = new Lazy<>(() -> new Strike(database(), directory(), audit(), clock()));
    private final Lazy<BoardService> boards = new Lazy<>(() -> new BoardService(database(), clock()));
    private final Lazy<AfterActionService> afterAction =
            new Lazy<>(() -> new AfterActionService(database(), boards(), actionPlanning(), clock()));
    private final Lazy<OrderOutbox> orderOutbox = new Lazy<>(() -> new OrderOutbox(database(), audit(), clock()));
    private final Lazy<OrderDelivery> orderDelivery =
            new Lazy<>(() -> orderDelivery(DeliverySettings.fromDirectory(home().root())));
    // The monitor matches captures with a matcher over every bank, built per crawl cycle; when the banks
    // line's long-lived matching service lands, hand its lookup here instead.
    private final Lazy<MonitorService> monitor = new Lazy<>(() -> new MonitorService(
            new FrontierStore(database(), clock()), home().resolve("warcs"), audit(), cases(),
            () -> matcher(MatchSettings.DEFAULTS)::match, Channels.readers(), clock(), WarcArchive.DEFAULT_ROTATE_BYTES));
    private final Lazy<EvidenceService> evidence = new Lazy<>(() -> new EvidenceService(monitor().store(),
            home().resolve("warcs"), home().resolve("keys"), cases(), audit(), clock()));

    private final Lazy<InfraEvaluation> infraEvaluation = new Lazy<>(InfraEvaluation::new);
    private final Lazy<MirrorReview> mirrorReview = new Lazy<>(() -> new MirrorReview(database(), audit(), clock()));
    private final Lazy<ResurfacingWatch> resurfacingWatch = new Lazy<>(() -> new ResurfacingWatch(database(), banks(),
            actor -> orders().list(actor).stream().map(io.takedown.orders.RemovalOrder::id)
                    .collect(java.util.stream.Collectors.toSet())));

    private Takedown(TakedownConfig config) {
        this.config = config;
        this.database = new Lazy<>(this::openDatabase);
        this.signals = new Lazy<>(SignalRegistry::discover);
        this.signer = new Lazy<>(() -> Signer.inDirectory(home().resolve("keys")));
        this.agencyKeys = new Lazy<>(this::openAgencyKeys);
        this.matching = new Lazy<>(this::openMatching);
    }

    /** Shares the parent's database, signals and key; services built here read {@code clock}. */
    private Takedown(Takedown parent, Clock clock) {
        this.config = parent.config.withClock(clock);
        this.database = parent.database;
        this.signals = parent.signals;
        this.signer = parent.signer;
        this.agencyKeys = parent.agencyKeys;
        this.matching = parent.matching; // one index per process, whatever clock reads it
    }

    /** Services over {@code config}; nothing is opened until a service is asked for. */
    public static Takedown open(TakedownConfig config) {
        return new Takedown(config);
    }

    /**
     * The same platform on another clock (the range's, in the demo and in tests): same database and keys,
     * services of its own. Closing the original closes what they share.
     */
    public Takedown withClock(Clock clock) {
        return new Takedown(this, clock);
    }

    public TakedownConfig config() {
        return config;
    }

    public io.takedown.core.TakedownHome home() {
        return config.home();
    }

    public Clock clock() {
        return config.clock();
    }

    public Database database() {
        return database.get();
    }

    public SignalRegistry signals() {
        return signals.get();
    }

    public BankStore banks() {
        return banks.get();
    }

    /**
     * The long-lived matching service: the index over every bank, loaded from its snapshot in
     * {@code DATA_DIR/index/} and kept current from the store's bank changes. Opened on first use, shared by
     * every matcher of this process, closed (and its snapshot written if it moved) by {@link #close()}.
     */
    public MatchService matching() {
        return matching.get();
    }

    /** A matcher over every bank with these settings (a cheap view over {@link #matching()}), on this clock. */
    public Matcher matcher(MatchSettings settings) {
        return matching().matcher(settings, clock());
    }

    /** Streaming bulk import of exchange files into a bank; the index catches up and saves at the end. */
    public BankImport bankImport() {
        return bankImport.get();
    }

    /** The agency's signing key, kept in the data directory. */
    public Signer signer() {
        return signer.get();
    }

    public AuditLog audit() {
        return audit.get();
    }

    /** The audit log's copy outside the database: {@code DATA_DIR/log/}. */
    public LogFiles logFiles() {
        return new LogFiles(home().resolve("log"));
    }

    /** Authorised verification, proofs and checkpoints of the audit log. */
    public AuditReview auditReview() {
        return auditReview.get();
    }

    /**
     * What verification trusts in this data directory: the log's public key(s) as found (never created), the
     * copy outside the database, and the witnesses configured in {@code log/witnesses}.
     */
    public AuditVerifier.Trust auditTrust() {
        List<java.security.PublicKey> keys = new ArrayList<>(Signer.publicKeysIn(home().resolve("keys")));
        List<Cosigning.Configured> configured = cosigning().witnesses();
        List<io.takedown.audit.tlog.NoteVerifier> witnesses = configured.stream().map(Cosigning.Configured::key).toList();
        // What the witnesses themselves hold: a truncation shows even when log/ was deleted with the database rows.
        List<io.takedown.audit.tlog.Note> fromWitnesses = configured.isEmpty() ? List.of() : AuditLog.head(database())
                .map(head -> cosigning().latestFromWitnesses(io.takedown.audit.tlog.Checkpoint.of(head).origin()))
                .orElse(List.of());
        // A cosigned checkpoint counts when at least one configured witness cosigned it.
        return new AuditVerifier.Trust(keys, witnesses, witnesses.isEmpty() ? 0 : 1, fromWitnesses,
                java.util.Optional.of(logFiles()));
    }

    /** The log key's id (RFC 7638 thumbprint), if this data directory has one; never creates a key. */
    public java.util.Optional<String> logKeyId() {
        return Signer.publicKeyIn(home().resolve("keys")).map(Signer::keyIdOf);
    }

    /** Online backup and verified restore of this data directory's database and log. */
    public Backups backups() {
        String url = config.databaseUrl().orElse("jdbc:sqlite:" + home().resolve(Database.EMBEDDED_FILE).toAbsolutePath());
        return new Backups(url, home().root(), () -> Signer.publicKeysIn(home().resolve("keys")), clock());
    }

    /** The witnesses the log asks ({@code log/witnesses}) and asking them. */
    public Cosigning cosigning() {
        return new Cosigning(database(), logFiles());
    }

    public Directory directory() {
        return directory.get();
    }

    public CaseService cases() {
        return cases.get();
    }

    public ReferralService referrals() {
        return referrals.get();
    }

    public OrderService orders() {
        return orders.get();
    }

    /** Each agency's own signing key (coordinator plans, member states' orders), kept per agency in the data directory. */
    public AgencyKeys agencyKeys() {
        return agencyKeys.get();
    }

    /** Action days: plan, targets, freeze and signature. */
    public ActionPlanning actionPlanning() {
        return actionPlanning.get();
    }

    /** Each participating agency's go for its part of an action day. */
    public GoNoGo goNoGo() {
        return goNoGo.get();
    }

    /** "Do not touch" entries and the conflicts they raise. */
    public Deconfliction deconfliction() {
        return deconfliction.get();
    }

    /** Fires an action day at H-hour. */
    public Strike strike() {
        return strike.get();
    }

    /** The live board of an action day (CLI and web console alike). */
    public BoardService boards() {
        return boards.get();
    }

    /** After-action figures and report. */
    public AfterActionService afterAction() {
        return afterAction.get();
    }

    /** Sends an action day's orders at once through the order outbox, with the data directory's delivery settings. */
    public Dispatcher dispatcher() {
        return dispatcher(DeliverySettings.fromDirectory(home().root()));
    }

    /** Sends an action day's orders at once through the order outbox, with these settings (the range's CA). */
    public Dispatcher dispatcher(DeliverySettings settings) {
        // The strike's own HTTP client (Jetty, measured faster for the burst), opened per strike and closed after.
        return dispatcher(settings, settings::burstTransport);
    }

    /** As {@link #dispatcher(DeliverySettings)}, each strike on a transport from {@code transports} (benchmarks). */
    public Dispatcher dispatcher(DeliverySettings settings,
                                 java.util.function.Supplier<? extends io.takedown.orders.delivery.Transport> transports) {
        return new OutboxDispatcher(orders(), referrals(), orderOutbox(), orderStaging.get(), transports, settings,
                clock());
    }

    private AgencyKeys openAgencyKeys() {
        java.util.Map<String, Signer> loaded = new java.util.concurrent.ConcurrentHashMap<>();
        return code -> {
            if (!code.matches("[A-Z0-9][A-Z0-9_-]{1,39}")) {
                throw new IllegalArgumentException("not an agency code: " + code);
            }
            return loaded.computeIfAbsent(code, c -> Signer.inDirectory(home().resolve("keys").resolve("agency")
                    .resolve(c)));
        };
    }

    /** Crawls outlets and their channels, keeps WARC evidence, matches captures (issue 16). */
    public MonitorService monitor() {
        return monitor.get();
    }

    /** Signed WACZ evidence packages of captures, and their verification. */
    public EvidenceService evidence() {
        return evidence.get();
    }

    private MatchService openMatching() {
        MatchService opened = MatchService.open(banks(), home().resolve(MatchService.DIRECTORY), clock());
        closeLater(opened);
        return opened;
    }

    /** Infrastructure intelligence on the synthetic range: true graph, suggestions, figures against ground truth. */
    public InfraEvaluation infraEvaluation() {
        return infraEvaluation.get();
    }

    /** Mirror proposals and the analysts' decisions on them. */
    public MirrorReview mirrorReview() {
        return mirrorReview.get();
    }

    /** Observes the synthetic range on loopback and records mirror proposals (until the monitor's captures do). */
    public RangeMirrorScan mirrorScan() {
        return new RangeMirrorScan(mirrorReview());
    }

    /** Removed content watched for resurfacing, its alerts and time-to-resurface figures. */
    public ResurfacingWatch resurfacingWatch() {
        return resurfacingWatch.get();
    }

    /** Executed removal orders as removals to watch. */
    public RemovalIntake removalIntake() {
        return new RemovalIntake(orders(), cases());
    }

    /**
     * Every infrastructure figure against the range's ground truth for the world {@code seed}/{@code size}:
     * weak points, mirror precision/recall, resurfacing delay. Resurfacing runs this root's watch and matching
     * service on a scratch data directory, so the real store is never touched; the demo prints the result.
     */
    public InfraFigures infraFigures(long seed, io.takedown.range.RangeSize size, int maxBudget) {
        java.nio.file.Path scratch;
        try {
            scratch = java.nio.file.Files.createTempDirectory("takedown-infra-figures");
        } catch (java.io.IOException e) {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                    "cannot create a scratch directory: " + e.getMessage(), e);
        }
        try (Takedown measuring = Takedown.open(TakedownConfig.embedded(scratch).withClock(clock()))) {
            return infraEvaluation().figures(seed, size, maxBudget, measuring.resurfacingWatch(),
                    () -> new BankContentMatcher(measuring.matcher(io.takedown.banks.matching.MatchSettings.DEFAULTS)));
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Recall per evasion class and false matches on the world {@code seed}/{@code size} (issue 13's table):
     * the originals are banked with their robust variants and every altered copy is matched, on a scratch
     * data directory, so the real store is never touched. The demo and {@code takedown range evasions} print it.
     */
    public io.takedown.app.evasion.EvasionFigures evasionFigures(long seed, io.takedown.range.RangeSize size,
            io.takedown.app.evasion.EvasionEvaluation.Listener listener) {
        java.nio.file.Path scratch;
        try {
            scratch = java.nio.file.Files.createTempDirectory("takedown-evasion-figures");
        } catch (java.io.IOException e) {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                    "cannot create a scratch directory: " + e.getMessage(), e);
        }
        try (Takedown measuring = Takedown.open(TakedownConfig.embedded(scratch).withClock(clock()))) {
            return new io.takedown.app.evasion.EvasionEvaluation().evaluate(
                    io.takedown.range.World.generate(seed, size), measuring.banks(),
                    measuring.matcher(io.takedown.banks.matching.MatchSettings.DEFAULTS), listener);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /**
     * Recall of vPDQ per video alteration and false matches on the videos of world {@code seed}/{@code size}
     * ({@code takedown range video-evasions}): videos are encoded and altered with FFmpeg under {@code keep}
     * when given (kept, with {@code ground-truth.jsonl}), else in a scratch folder removed afterwards.
     */
    public io.takedown.app.evasion.VideoEvasionFigures videoEvasionFigures(long seed, io.takedown.range.RangeSize size,
            java.util.Optional<java.nio.file.Path> keep, io.takedown.app.evasion.EvasionEvaluation.Listener listener) {
        io.takedown.signals.video.Ffmpeg.installed().unavailableReason().ifPresent(reason -> {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                    "video evasions need FFmpeg: " + reason);
        });
        java.nio.file.Path work;
        try {
            work = keep.isPresent() ? java.nio.file.Files.createDirectories(keep.get())
                    : java.nio.file.Files.createTempDirectory("takedown-video-evasions");
        } catch (java.io.IOException e) {
            throw new io.takedown.core.TakedownException(io.takedown.core.TakedownException.Kind.IO,
                    "cannot create a folder for the videos: " + e.getMessage(), e);
        }
        try {
            io.takedown.range.World world = io.takedown.range.World.generate(seed, size);
            return new io.takedown.app.evasion.VideoEvasionEvaluation().evaluate(io.takedown.range.video.VideoRange.of(
                    world, io.takedown.range.video.VideoRange.videosPerOutlet(size)), work, listener);
        } finally {
            if (keep.isEmpty()) {
                deleteQuietly(work);
            }
        }
    }

    private static void deleteQuietly(java.nio.file.Path directory) {
        try (var files = java.nio.file.Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // a scratch directory left in the temporary folder is harmless
        }
    }

    /** The outbox of signed documents for providers and host-state authorities. */
    public OrderOutbox orderOutbox() {
        return orderOutbox.get();
    }

    /**
     * The outbox relay with the data directory's delivery settings (trust anchors and allowlist in
     * {@code trust/}); thread-safe, shared.
     */
    public OrderDelivery orderDelivery() {
        return orderDelivery.get();
    }

    /** A relay with other settings (the demo trusts its range's authority), over the same outbox. */
    public OrderDelivery orderDelivery(DeliverySettings settings) {
        return new OrderDelivery(orderOutbox(), settings.transport(), settings, clock());
    }

    private Database openDatabase() {
        Database opened = config.databaseUrl().map(Database::open).orElseGet(() -> Database.embedded(home().root()));
        closeLater(opened);
        return opened;
    }

    /** Registers something this root opened so that {@link #close()} releases it. */
    private void closeLater(AutoCloseable resource) {
        synchronized (opened) {
            opened.add(resource);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        synchronized (opened) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                }
            }
            opened.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A value built once, on first use, thread-safely. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = factory.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
