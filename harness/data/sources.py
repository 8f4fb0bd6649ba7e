"""The built-in data sources: inline, file, hub, builtin, generator.

Rows become ``Example``s the same way for every source: input fields by column
mapping, the gold label mapped onto the suite's labels by name (or ``label_values``),
remaining columns named in ``meta_columns`` become slice tags. A row that cannot be
mapped is an error naming the file, the line and the field.
"""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field

from harness.core import Example
from harness.data.arrow_files import rows_of_batch
from harness.data.base import LoadContext
from harness.data.choice_columns import choices_from_columns
from harness.errors import DataError, ResourceUnavailableError
from harness.files.jsonio import read_jsonl
from harness.files.textfiles import EncodingProblem, check_utf8
from harness.options import Options
from harness.resources import Resource, hub_dataset_cached

BUILTIN_DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"


class SampleOptions(Options):
    """Seeded sampling of ``n`` rows, stratified by gold label unless told otherwise."""

    n: int = Field(gt=0)
    stratify: bool = True


class RowOptions(Options):
    """How rows map onto examples; shared by the file, hub and builtin sources."""

    # harness field -> column name, e.g. {premise: sentence_A, label: entailment_judgment}.
    columns: dict[str, str] = Field(default_factory=dict)
    # raw gold value -> suite label, e.g. {"0": entailment}; names otherwise match by case.
    label_values: dict[str, str] = Field(default_factory=dict)
    # Columns kept as slice tags in ``meta``.
    meta_columns: list[str] = Field(default_factory=list)
    limit: int | None = Field(default=None, gt=0)
    sample: SampleOptions | None = None
    # Rows where any of these columns is missing or null are left out (e.g. the
    # unanswerable questions of rc-core, which have no multiple-choice view).
    skip_rows_without: list[str] = Field(default_factory=list)
    # Multiple choice with one column per option (A, B, C, D or option_1..option_4), in
    # order; empty trailing columns are left out, so rows may have fewer options.
    choice_columns: list[str] = Field(default_factory=list, max_length=26)


@dataclass(eq=False)
class RowMapper:
    """Turns raw rows into Examples; knows the file and line for errors."""

    options: RowOptions
    context: LoadContext
    _: KW_ONLY
    origin: str
    path: Path | str | None
    first_line: int

    def __post_init__(self) -> None:
        # The task knows its fields (choices are a list) and its target's form.
        self.task = self.context.task
        self.target = self.task.target_column
        self.columns = {field: field for field in (*self.context.input_fields, self.target, "id")}
        self.columns.update(self.options.columns)
        self.label_values = {str(k): v for k, v in self.options.label_values.items()}

    def needed_columns(self) -> list[str]:
        """Every column a row's mapping reads (a file may be read for these alone)."""
        options = self.options
        fields = [
            field for field in self.columns if field != "choices" or not options.choice_columns
        ]
        named = [self.columns[field] for field in fields]
        extra = [*options.meta_columns, *options.skip_rows_without, *options.choice_columns]
        return list(dict.fromkeys([*named, *extra]))

    def to_examples(
        self, rows: Iterable[Mapping[str, Any]], start: int = 0, first_line: int | None = None
    ) -> list[Example]:
        """Examples of ``rows``; for a block of a streamed file, ``start`` is the index of
        its first row in the file (index-based ids) and ``first_line`` that row's line."""
        examples = []
        required = self.options.skip_rows_without
        first_seen: dict[str, int] = {}
        line_base = self.first_line if first_line is None else first_line - start
        for index, row in enumerate(rows, start=start):
            line = line_base + index
            if any(row.get(column) is None for column in required):
                continue
            fields = {}
            for field in self.context.input_fields:
                if field == "choices" and self.options.choice_columns:
                    fields[field] = choices_from_columns(
                        row, self.options.choice_columns, path=self.path, line=line
                    )
                    continue
                column = self.columns[field]
                if column not in row:
                    raise DataError(
                        f"missing column '{column}' for field '{field}' "
                        f"(columns: {', '.join(map(str, row))}); map it with columns",
                        path=self.path,
                        line=line,
                    )
                value = row[column]
                if (
                    value is None
                    or (isinstance(value, float) and value != value)
                    or (isinstance(value, str) and not value.strip())
                ):
                    raise DataError(f"field '{column}' is empty", path=self.path, line=line)
                try:
                    fields[field] = self.task.parse_field(field, value)
                except ValueError as error:
                    raise DataError(str(error), path=self.path, line=line) from None
            target_column = self.columns[self.target]
            if target_column not in row or row[target_column] is None:
                raise DataError(f"field '{target_column}' is missing", path=self.path, line=line)
            raw_gold = row[target_column]
            if str(raw_gold) in self.options.choice_columns:
                raw_gold = self.options.choice_columns.index(str(raw_gold))  # "option_2"
            try:
                gold = self.task.parse_target(raw_gold, fields, self.label_values)
            except ValueError as error:
                raise DataError(
                    f"field '{target_column}': {error}", path=self.path, line=line
                ) from None
            id_column = self.columns["id"]
            if id_column in row and row[id_column] is not None:
                example_id = f"{self.origin}:{row[id_column]}"
            else:
                example_id = f"{self.origin}:{index}"
            if example_id in first_seen:
                raise DataError(
                    f"field '{id_column}': id '{example_id.partition(':')[2]}' occurs more than "
                    f"once (first at {'row' if self.path is None else 'line'} {first_seen[example_id]})",
                    path=self.path,
                    line=line,
                )
            first_seen[example_id] = line
            meta = {}
            for column in self.options.meta_columns:
                if row.get(column) is None:
                    raise DataError(f"meta column '{column}' is missing", path=self.path, line=line)
                meta[column] = row[column]
            examples.append(Example(id=example_id, fields=fields, target=gold, meta=meta))
        return select(examples, self.options, self.context.seed, self.origin)


def select(examples: list[Example], options: RowOptions, seed: int, origin: str) -> list[Example]:
    """Apply ``sample`` (seeded, stratified) then ``limit``; order is preserved."""
    ids = [example.id for example in examples]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise DataError(f"{origin}: example id '{duplicate}' occurs more than once")
    if options.sample is not None and options.sample.n < len(examples):
        from sklearn.model_selection import train_test_split

        labels = [example.target for example in examples]
        labelled = all(isinstance(label, str) for label in labels)
        stratify = labels if options.sample.stratify and labelled and len(set(labels)) > 1 else None
        from harness.seeding import seed_from_label

        # A per-source seed label keeps samples independent across sources.
        try:
            chosen, _ = train_test_split(
                list(range(len(examples))),
                train_size=options.sample.n,
                stratify=stratify,
                random_state=seed_from_label(f"{seed}:sample:{origin}") % (2**32),
            )
        except ValueError as error:  # e.g. fewer rows than labels to stratify over
            raise DataError(
                f"{origin}: sample n={options.sample.n}: {error}; raise n or set stratify: false"
            ) from None
        examples = [examples[i] for i in sorted(chosen)]
    if options.limit is not None:
        examples = examples[: options.limit]
    return examples


# --- inline --------------------------------------------------------------------


class InlineSource:
    """Examples written in the suite: ``{premise, hypothesis, label, id?, ...tags}``."""

    description: ClassVar[str] = "examples written in the suite YAML"

    class Options(RowOptions):
        source: Literal["inline"]
        examples: list[dict[str, Any]] = Field(min_length=1)

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        mapper = RowMapper(options, context, origin="inline", path=None, first_line=0)
        examples = mapper.to_examples(options.examples)
        # Keys that are neither inputs, label nor id become slice tags.
        known = set(mapper.columns.values()) | set(options.choice_columns)
        return [
            Example(
                id=example.id,
                fields=example.fields,
                target=example.target,
                meta={**{k: v for k, v in row.items() if k not in known}, **example.meta},
            )
            for example, row in zip(examples, options.examples, strict=False)
        ]


# --- local files ---------------------------------------------------------------

FileFormat = Literal["jsonl", "json", "csv", "tsv", "parquet"]


def _infer_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    formats = {
        "jsonl": "jsonl",
        "ndjson": "jsonl",
        "json": "json",
        "csv": "csv",
        "tsv": "tsv",
        "txt": "tsv",
        "parquet": "parquet",
    }
    if suffix not in formats:
        raise DataError(
            "cannot tell the format from the extension; set format: jsonl|csv|tsv|parquet",
            path=path,
        )
    return formats[suffix]


def _check_jsonl(path: Path) -> None:
    """Find the first bad line ourselves: datasets' own error names no line."""
    for _ in read_jsonl(path, DataError):
        pass


def _check_text(path: Path) -> None:
    """UTF-8 text (a BOM is fine): the message ``datasets`` gives names neither the
    problem nor the line. (CSV/TSV files: ``arrow_files.check_csv_text``.)"""
    try:
        check_utf8(path)
    except EncodingProblem as error:
        raise DataError(str(error), path=path, line=error.line) from None


#: The largest data file harness reads (a bound, so that no path reads without end).
MAX_DATA_FILE_BYTES = 64 * 1024**3


def require_regular_file(path: Path) -> None:
    """Refuse at once what is not a data file on disk: a missing path, a directory, a
    device (``/dev/zero`` would be read until memory runs out), a FIFO (would wait
    forever) or socket, a file beyond ``MAX_DATA_FILE_BYTES``."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise DataError("file not found", path=path) from None
    except OSError as error:
        raise DataError(f"cannot read: {error.strerror}", path=path) from None
    if stat.S_ISDIR(status.st_mode):
        raise DataError("is a directory, expected a data file", path=path)
    if not stat.S_ISREG(status.st_mode):
        raise DataError(
            "not a regular file (a device, FIFO or socket); data must be a file on disk",
            path=path,
        )
    if status.st_size > MAX_DATA_FILE_BYTES:
        raise DataError(
            f"{status.st_size} bytes, more than the {MAX_DATA_FILE_BYTES} a data file may have",
            path=path,
        )


def _root_cause(error: BaseException) -> BaseException:
    """``datasets`` wraps the real problem ("An error occurred while generating the dataset")."""
    while error.__cause__ is not None or error.__context__ is not None:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return error


def read_rows(
    path: Path, file_format: str, columns: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Rows of a local file. CSV/TSV and Parquet are read as a stream of Arrow batches
    (``harness.data.arrow_files``; ``columns``, when the file has them all, are the only
    ones read); JSON and JSONL through ``datasets`` (in memory, no cache files)."""
    require_regular_file(path)
    if file_format in {"csv", "tsv", "parquet"}:
        from harness.data.arrow_files import file_batches

        batches = file_batches(path, file_format, columns)
        if batches is not None:
            rows: list[dict[str, Any]] = []
            for _, batch in batches(0):
                rows.extend(rows_of_batch(batch))
            return rows
    if file_format != "parquet":
        _check_text(path)
    if file_format == "jsonl":
        _check_jsonl(path)
    import datasets

    readers: dict[str, tuple[str, dict[str, Any]]] = {
        "jsonl": ("json", {}),
        "json": ("json", {}),
        # A Parquet file whose columns need datasets' own decoding (file_batches).
        "parquet": ("parquet", {}),
    }
    builder, kwargs = readers[file_format]
    datasets.disable_progress_bars()
    try:
        # ``datasets`` reads ``data_files`` as a glob pattern with variables expanded
        # ("b[1].jsonl" would read b1.jsonl): it is given a link with a plain name.
        with tempfile.TemporaryDirectory(prefix="harness-data-") as folder:
            literal = Path(folder) / f"data.{file_format}"
            literal.symlink_to(path.resolve())
            dataset = datasets.load_dataset(
                builder, data_files=str(literal), split="train", keep_in_memory=True, **kwargs
            )
    except Exception as error:  # datasets raises many kinds; all mean "unreadable file"
        cause = _root_cause(error)
        message = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        raise DataError(f"cannot read as {file_format}: {message}", path=path) from None
    from datasets.features.features import require_decoding

    if any(require_decoding(feature) for feature in dataset.features.values()):
        # A column of mixed types is stored as JSON text (datasets' Json feature): only
        # datasets' own row decoding gives back the values the file holds.
        return list(dataset)
    return rows_from_arrow(dataset.data.table)


def rows_from_arrow(table: Any) -> list[dict[str, Any]]:
    """The rows of an Arrow table, converted a column at a time.

    Iterating a ``datasets.Dataset`` formats each row through Python (about 20x slower
    at 200,000 rows); converting whole columns gives the same dicts.
    """
    rows: list[dict[str, Any]] = []
    names = list(table.column_names)
    for batch in table.to_batches(max_chunksize=65_536):
        columns = batch.to_pydict()
        values_by_row = zip(*columns.values(), strict=True)
        rows.extend(dict(zip(names, values, strict=True)) for values in values_by_row)
    return rows


#: JSONL, CSV and TSV files larger than this (Parquet files whose row groups are larger
#: uncompressed) are read a block of rows at a time, never whole
#: (``harness.data.streamed``), unless a sample or row filter needs every row at once.
STREAM_FILE_BYTES = 32 * 1024 * 1024


def streamable(path: Path, options: RowOptions, file_format: str = "jsonl") -> bool:
    if not path.is_file() or options.sample is not None or options.skip_rows_without:
        return False
    if file_format == "parquet":
        from harness.data.arrow_files import parquet_file, uncompressed_bytes

        # A Parquet file is compressed: its size in memory is what counts.
        return uncompressed_bytes(parquet_file(path)) > STREAM_FILE_BYTES
    return path.stat().st_size > STREAM_FILE_BYTES


def _chosen_path(options: Any) -> Path:
    """A file source's path, or the path of the split it chose."""
    raw_path = options.path[options.split] if isinstance(options.path, dict) else options.path
    return Path(raw_path)


class FileSource:
    """A local JSONL, CSV/TSV, Parquet or JSON file; ``path`` is relative to the suite file.

    A JSON file in the SQuAD layout (v1.1 or v2.0) gives one row per question
    (``harness.data.squad``).
    """

    description: ClassVar[str] = "local JSONL, CSV/TSV or Parquet files"

    class Options(RowOptions):
        source: Literal["file"]
        path: str | dict[str, str]
        split: str | None = None
        format: FileFormat | None = None

    @staticmethod
    def check(options: Options, location: tuple, sources: Any) -> None:
        paths = options.path.values() if isinstance(options.path, dict) else [options.path]
        if any(not path.strip() for path in paths):
            raise sources.error((*location, "path"), "must not be empty")
        if isinstance(options.path, dict) and options.split not in options.path:
            raise sources.error(
                (*location, "split"),
                f"path gives splits {', '.join(options.path)}; choose one with split",
            )

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        path = _chosen_path(options).expanduser()
        path = path if path.is_absolute() else base_dir / path
        yield Resource(
            "data", f"{where}: {path}", path.is_file(), "" if path.is_file() else "file not found"
        )

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        path = _chosen_path(options).expanduser()
        if not path.is_absolute():
            path = context.base_dir / path
        require_regular_file(path)  # before anything opens it
        file_format = options.format or _infer_format(path)
        if file_format == "jsonl" and streamable(path, options):
            from harness.data.streamed import JsonlExamples

            # The limit applies to the whole file, not to each block the mapper sees.
            whole = options.model_copy(update={"limit": None})
            mapper = RowMapper(whole, context, origin=path.stem, path=path, first_line=1)
            return JsonlExamples.open(path, mapper, limit=options.limit)  # type: ignore[return-value]
        if file_format in {"csv", "tsv", "parquet"} and streamable(path, options, file_format):
            from harness.data.streamed import ArrowFileExamples

            whole = options.model_copy(update={"limit": None})
            first_line = 1 if file_format == "parquet" else 2
            mapper = RowMapper(whole, context, origin=path.stem, path=path, first_line=first_line)
            from harness.data.arrow_files import file_batches

            batches = file_batches(path, file_format, mapper.needed_columns())
            if batches is not None:
                return ArrowFileExamples.open(  # type: ignore[return-value]
                    path, mapper, batches, first_line=first_line, limit=options.limit
                )
        squad = None
        if file_format == "json" and path.is_file():
            from harness.data.squad import read_squad

            # SQuAD v1.1/v2.0 nests questions in articles and paragraphs: one row each.
            squad = read_squad(path)
        first_line = 2 if file_format in {"csv", "tsv"} else 1
        mapper = RowMapper(options, context, origin=path.stem, path=path, first_line=first_line)
        if squad is not None:
            return mapper.to_examples(squad)
        return mapper.to_examples(read_rows(path, file_format, mapper.needed_columns()))


# --- built-in datasets -----------------------------------------------------------


def builtin_dataset_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_DATASETS_DIR.iterdir() if p.is_dir())


class BuiltinSource:
    """A dataset shipped inside the package, e.g. ``{source: builtin, name: nli-core, split: test}``."""

    description: ClassVar[str] = "datasets shipped in the package (nli-core)"

    class Options(RowOptions):
        source: Literal["builtin"]
        name: str
        split: str = "test"

    @staticmethod
    def check(options: Options, location: tuple, sources: Any) -> None:
        from harness.registry import did_you_mean

        names = builtin_dataset_names()
        if options.name not in names:
            raise sources.error(
                (*location, "name"),
                f"unknown built-in dataset '{options.name}'{did_you_mean(options.name, names)}; "
                f"known: {', '.join(names)}",
            )
        splits = sorted(p.stem for p in (BUILTIN_DATASETS_DIR / options.name).glob("*.jsonl"))
        if options.split not in splits:
            raise sources.error(
                (*location, "split"),
                f"built-in dataset '{options.name}' has splits {', '.join(splits)}",
            )

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        path = BUILTIN_DATASETS_DIR / options.name / f"{options.split}.jsonl"
        yield Resource("data", f"{where}: built-in {options.name}/{options.split}", path.is_file())

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        path = BUILTIN_DATASETS_DIR / options.name / f"{options.split}.jsonl"
        rows = [row for _, row in read_jsonl(path, DataError)]
        # Every other column is a slice tag, except the task's target (nli: label,
        # extractive_qa: answers), which is the gold and not a tag.
        target = context.task.target_column
        # Tags are the columns every row fills (rc-core's optional columns, null in most
        # rows, such as plausible_answer, are data, not slice tags).
        filled = (
            {key for key in rows[0] if all(row.get(key) is not None for row in rows)}
            if rows
            else set()
        )
        meta_columns = options.meta_columns or sorted(
            filled - {*context.input_fields, "id", "label", target}
        )
        row_options = options.model_copy(update={"meta_columns": meta_columns})
        mapper = RowMapper(
            row_options, context, origin=f"{options.name}/{options.split}", path=path, first_line=1
        )
        return mapper.to_examples(rows)


# --- Hugging Face hub --------------------------------------------------------------


class HubSource:
    """A hub dataset by name/config/split; offline, a one-line error says how to provide it."""

    description: ClassVar[str] = "a Hugging Face hub dataset (name, config, split)"

    class Options(RowOptions):
        source: Literal["hub"]
        name: str
        config: str | None = None
        split: str = "validation"
        revision: str | None = None

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        cached = hub_dataset_cached(options.name)
        yield Resource(
            "data",
            f"{where}: hub dataset {options.name}",
            cached,
            ""
            if cached
            else "not in the local datasets cache: download it on a connected "
            "machine, copy the cache here and set HF_DATASETS_OFFLINE=1, or use a local file",
        )

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        import datasets

        datasets.disable_progress_bars()
        try:
            dataset = datasets.load_dataset(
                options.name, options.config, split=options.split, revision=options.revision
            )
        except Exception as error:
            reason = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise ResourceUnavailableError(
                f"hub dataset '{options.name}'"
                + (f" ({options.config})" if options.config else "")
                + f" split '{options.split}' is not available offline ({reason}); save it locally "
                "(datasets.load_dataset(...).to_json('file.jsonl')) and use "
                "{source: file, path: file.jsonl}, or pre-populate HF_DATASETS_CACHE and set "
                "HF_HUB_OFFLINE=1"
            ) from None
        origin = options.name.replace("/", "-") + (f"-{options.config}" if options.config else "")
        mapper = RowMapper(
            options, context, origin=f"{origin}/{options.split}", path=options.name, first_line=0
        )
        return mapper.to_examples(list(dataset))


# --- generators -----------------------------------------------------------------------


class GeneratorSource:
    """Examples from a registered generator: ``{source: generator, name: hans, params: {...}}``."""

    description: ClassVar[str] = "examples made by a registered generator"

    class Options(Options):
        source: Literal["generator"]
        name: str
        params: dict[str, Any] = Field(default_factory=dict)
        limit: int | None = Field(default=None, gt=0)

    @staticmethod
    def check(options: Options, location: tuple, sources: Any) -> None:
        from harness.options import component, validate
        from harness.registry import GENERATORS

        generator = component(GENERATORS, options.name, (*location, "name"), sources)
        validate(generator.Options, options.params, (*location, "params"), sources)

    @staticmethod
    def resources(options: Options, where: str, base_dir: Path) -> Iterator[Resource]:
        from harness.registry import GENERATORS

        # What the generator reads from the machine (WordNet), then the data it makes.
        generator = GENERATORS.get(options.name)
        needs = getattr(generator, "resources", None)
        if needs is not None:
            yield from needs(generator.Options.model_validate(options.params), where)
        yield Resource("data", f"{where}: generator {options.name}", True)

    def load(self, options: Options, context: LoadContext) -> list[Example]:
        from harness.registry import GENERATORS

        generator = GENERATORS.get(options.name)
        params = generator.Options.model_validate(options.params)
        examples: Sequence[Example] = generated_examples(
            generator, options.name, params, context.seed, context.derived
        )
        # Generators may emit collapsed labels (HANS: non-entailment); the test kind
        # checks gold labels against the test's label space after label_mapping.
        return list(examples[: options.limit] if options.limit else examples)


def generated_examples(
    generator: Any, name: str, params: Any, seed: int, store: Any
) -> list[Example]:
    """``generator().generate(params, seed)``, or what an identical earlier call made
    (same generator, parameters, seed, code and resources; see harness/cache/derived.py)."""
    from harness.cache.derived import example_from_json, memoized_by_code

    return memoized_by_code(
        store,
        "generator",
        [generator],
        lambda: list(generator().generate(params, seed)),
        lambda examples: [example.to_json() for example in examples],
        lambda rows: [example_from_json(row) for row in rows],
        name=name,
        params=params.model_dump(mode="json"),
        seed=seed,
    )
