/**
 * Reserved words per language. Keywords are kept as written (they carry structure); every other
 * word is abstracted to one identifier symbol. Builtin names such as `print`, `len` or
 * `System.out.println` are deliberately NOT here: a renamed helper and a builtin call then look
 * alike, which costs little, while keeping them would make programs that merely share an I/O
 * idiom look closer than they are.
 */
function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

export const C_KEYWORDS = words(`
  auto break case char const continue default do double else enum extern float for goto if inline int long
  register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
  _Bool bool true false NULL`);

export const CPP_KEYWORDS = words(`
  ${[...C_KEYWORDS].join(' ')} alignas alignof and and_eq asm catch class co_await co_return co_yield concept
  const_cast consteval constexpr constinit decltype delete dynamic_cast explicit export friend mutable namespace
  new noexcept not not_eq nullptr operator or or_eq private protected public reinterpret_cast requires
  static_assert static_cast template this thread_local throw try typeid typename using virtual wchar_t xor xor_eq
  override final`);

export const JAVA_KEYWORDS = words(`
  abstract assert boolean break byte case catch char class const continue default do double else enum extends
  final finally float for goto if implements import instanceof int interface long native new package private
  protected public return short static strictfp super switch synchronized this throw throws transient try void
  volatile while var record yield sealed permits true false null`);

export const CSHARP_KEYWORDS = words(`
  abstract as base bool break byte case catch char checked class const continue decimal default delegate do
  double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface
  internal is lock long namespace new null object operator out override params private protected public readonly
  ref return sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint
  ulong unchecked unsafe ushort using virtual void volatile while var async await yield get set record init
  when where`);

export const JAVASCRIPT_KEYWORDS = words(`
  await break case catch class const continue debugger default delete do else export extends false finally for
  function if import in instanceof let new null of return static super switch this throw true try typeof
  undefined var void while with yield async`);

export const TYPESCRIPT_KEYWORDS = words(`
  ${[...JAVASCRIPT_KEYWORDS].join(' ')} abstract any as boolean declare enum implements interface is keyof
  namespace never number private protected public readonly satisfies string symbol type unknown`);

export const GO_KEYWORDS = words(`
  break case chan const continue default defer else fallthrough for func go goto if import interface map package
  range return select struct switch type var true false nil`);

export const RUST_KEYWORDS = words(`
  as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move
  mut pub ref return self Self static struct super trait true type unsafe use where while`);

export const KOTLIN_KEYWORDS = words(`
  as break class continue do else false for fun if in interface is null object package return super this throw
  true try typealias typeof val var when while by catch constructor finally get init override private protected
  public internal open abstract data sealed companion lateinit import`);

export const SWIFT_KEYWORDS = words(`
  associatedtype class deinit enum extension fileprivate func import init inout internal let open operator
  private protocol public rethrows static struct subscript typealias var break case continue default defer do
  else fallthrough for guard if in repeat return switch where while as catch false is nil self Self super throw
  throws true try mutating override`);

export const PHP_KEYWORDS = words(`
  abstract and array as break callable case catch class clone const continue declare default do echo else elseif
  empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn for foreach function global
  goto if implements include include_once instanceof insteadof interface isset list match namespace new or print
  private protected public readonly require require_once return static switch throw trait try unset use var while
  xor yield true false null`);

export const PYTHON_KEYWORDS = words(`
  False None True and as assert async await break class continue def del elif else except finally for from
  global if import in is lambda nonlocal not or raise return try while with yield match case`);

export const RUBY_KEYWORDS = words(`
  BEGIN END alias and begin break case class def defined? do else elsif end ensure false for if in module next nil
  not or redo rescue retry return self super then true undef unless until when while yield`);

/** Unknown languages: words common to most languages, so a fallback still sees some structure. */
export const GENERIC_KEYWORDS = words(`
  if else elif elsif for foreach while do loop return break continue function fun func def fn class struct
  switch case try catch except finally true false null nil None let var const import end then begin`);
