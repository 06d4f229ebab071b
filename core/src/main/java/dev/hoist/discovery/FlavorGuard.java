package dev.hoist.discovery;

import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.PushHook;

import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.Message;
import dev.hoist.spi.Flavor;
import dev.hoist.spi.HoistException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place core calls into a flavor's code. Every call on a guarded flavor, and on the
 * SPI objects it returns (push hooks, credential sources), runs with the thread context class
 * loader set to the flavor's own loader, and:
 * <ul>
 *   <li>a {@link HoistException} passes through unchanged: the flavor wrote it for the user;</li>
 *   <li>a {@link VirtualMachineError} but {@link StackOverflowError} passes through: the JVM is no longer usable;</li>
 *   <li>any other {@link Throwable}, {@code NoClassDefFoundError} and {@code StackOverflowError}
 *       included, becomes a {@link FlavorFailureException} naming the flavor, its class and jar;</li>
 *   <li>a {@code null} answer becomes the same exception, since the SPI never returns {@code null}.</li>
 * </ul>
 */
public final class FlavorGuard {

    private FlavorGuard() {
    }

    /**
     * A guarded view of a flavor.
     *
     * @param contract the SPI interface the flavor was found as
     * @param flavor the flavor instance
     * @param name the flavor's name, for messages
     * @param <F> the contract
     * @return a proxy implementing {@code contract} only
     */
    public static <F> F guard(Class<F> contract, F flavor, String name) {
        String who = "Flavor '" + name + "' (" + flavor.getClass().getName() + " from "
                + FlavorOrigin.locationOf(flavor.getClass()) + ")";
        return proxy(contract, flavor, who, flavor.getClass().getClassLoader());
    }

    /**
     * A flavor's Guice module, set up once under the flavor's own context class loader and
     * recorded: what an injector installs instead of the module itself. Setting a module up runs
     * its {@code configure()} (and reads its {@code @Provides} methods), the flavor's code that no
     * guarded call covers; a failure there, {@code NoClassDefFoundError} included, is the flavor's.
     *
     * @param discovered a discovered flavor
     * @param stage the stage the module's {@code configure()} sees
     * @return the recorded module, or empty when the flavor has none
     * @throws FlavorFailureException naming the flavor, its class, its jar and the module, when
     *     {@code module()} or the module's {@code configure()} fails
     */
    public static Optional<Module> recordModule(DiscoveredFlavor<? extends Flavor> discovered, Stage stage) {
        Class<?> type = discovered.implementation();
        String who = "Flavor '" + discovered.name() + "' (" + type.getName() + " from " + FlavorOrigin.locationOf(type) + ")";
        Optional<Module> module;
        try {
            module = discovered.flavor().module();
        } catch (FlavorFailureException guarded) {
            throw guarded;
        } catch (HoistException failed) {
            throw new FlavorFailureException(who + " failed in module(): " + oneLine(failed)
                    + ". Fix the flavor or remove its jar.", failed);
        }
        if (module.isEmpty()) {
            return Optional.empty();
        }
        String where = who + " failed in configure() of its module " + module.get().getClass().getName() + ": ";
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(type.getClassLoader());
        List<Element> elements;
        try {
            elements = Elements.getElements(stage, module.get());
        } catch (Throwable failed) {
            if (isFatal(failed)) {
                throw (VirtualMachineError) failed;
            }
            throw new FlavorFailureException(where + oneLine(failed) + ". Fix the flavor or remove its jar.", failed);
        } finally {
            thread.setContextClassLoader(previous);
        }
        for (Element element : elements) {
            // Guice records what configure() threw, or an error it added, as a message rather than throwing.
            if (element instanceof Message error) {
                Throwable cause = error.getCause();
                throw new FlavorFailureException(where + (cause != null ? oneLine(cause) : firstLine(error.getMessage()))
                        + ". Fix the flavor or remove its jar.", cause);
            }
        }
        return Optional.of(Elements.getModule(elements));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static <T> T proxy(Class<T> contract, T target, String who, ClassLoader loader) {
        InvocationHandler handler = (self, method, args) -> invoke(self, target, method, args, who, loader);
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, handler));
    }

    private static Object invoke(Object self, Object target, Method method, Object[] args, String who, ClassLoader loader) {
        if (method.getDeclaringClass() == Object.class) {
            return callObjectMethod(self, target, method, args);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        Object answer;
        try {
            answer = method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw translate(thrown.getCause(), method, who);
        } catch (IllegalAccessException inaccessible) {
            throw new FlavorFailureException(who + " cannot be called: " + method.getName() + "() is not accessible.", inaccessible);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (answer == null && method.getReturnType() != void.class) {
            throw new FlavorFailureException(who + " returned null from " + method.getName()
                    + "(); that method must return a value. Fix the flavor or remove its jar.", null);
        }
        return wrapAnswer(answer, method.getReturnType(), who, loader);
    }

    private static Object callObjectMethod(Object self, Object target, Method method, Object[] args) {
        return switch (method.getName()) {
            case "toString" -> target.toString();
            case "hashCode" -> System.identityHashCode(self);
            default -> args[0] == self;
        };
    }

    /** SPI objects a flavor hands back are guarded too; values inside Optional and Map as well. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object wrapAnswer(Object answer, Class<?> declared, String who, ClassLoader loader) {
        if (answer instanceof Optional<?> optional) {
            return optional.map(value -> wrapValue(value, who, loader));
        }
        if (answer instanceof Map<?, ?> map && !(declared.getPackageName().startsWith("com.typesafe"))) {
            Map copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, wrapValue(value, who, loader)));
            return java.util.Collections.unmodifiableMap(copy);
        }
        return isSpiInterface(declared) ? proxyAs(declared, answer, who, loader) : answer;
    }

    private static Object wrapValue(Object value, String who, ClassLoader loader) {
        if (value == null) {
            throw new FlavorFailureException(who + " returned a null element; the SPI never takes null.", null);
        }
        for (Class<?> type : value.getClass().getInterfaces()) {
            if (isSpiInterface(type)) {
                return proxyAs(type, value, who, loader);
            }
        }
        // Lambdas implement their interface directly; anything else passes as it is.
        return value;
    }

    /** A proxy of the SPI type, and of {@link AutoCloseable} too when the value is, so that core can close it. */
    private static Object proxyAs(Class<?> type, Object value, String who, ClassLoader loader) {
        if (Proxy.isProxyClass(value.getClass())) {
            return value;
        }
        Class<?>[] types = value instanceof AutoCloseable ? new Class<?>[] {type, AutoCloseable.class} : new Class<?>[] {type};
        InvocationHandler handler = (self, method, args) -> invoke(self, value, method, args, who, loader);
        return Proxy.newProxyInstance(type.getClassLoader(), types, handler);
    }

    /** The SPI callbacks a flavor hands back for core to call later. Components are the host's, not guarded. */
    private static boolean isSpiInterface(Class<?> type) {
        return type == dev.hoist.spi.PushHook.class || type == dev.hoist.spi.CredentialSource.class;
    }

    private static RuntimeException translate(Throwable failure, Method method, String who) {
        if (failure instanceof HoistException hoist) {
            return hoist;
        }
        if (isFatal(failure)) {
            throw (VirtualMachineError) failure;
        }
        return new FlavorFailureException(who + " failed in " + method.getName() + "(): " + oneLine(failure)
                + ". Fix the flavor or remove its jar.", failure);
    }

    /**
     * Whether a failure leaves the JVM unusable: a {@link VirtualMachineError} such as
     * {@code OutOfMemoryError}, but not a {@link StackOverflowError}, which unwinds cleanly.
     */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        return firstLine(failure.getClass().getName() + (message == null ? "" : ": " + message));
    }
}
