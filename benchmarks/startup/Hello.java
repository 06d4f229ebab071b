/** The baseline of benchmarks/startup.sh: a bare JVM that prints one line. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
