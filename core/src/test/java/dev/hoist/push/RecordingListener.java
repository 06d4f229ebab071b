package dev.hoist.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it is given, with the thread that delivered it. */
public final class RecordingListener implements PushListener {

    /** The events, in delivery order. */
    public final List<PushEvent> events = new CopyOnWriteArrayList<>();
    /** The names of the threads that delivered them. */
    public final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(PushEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    /** The events of one layer, in order. */
    public List<PushEvent> of(String layer) {
        return events.stream().filter(e -> e.layer().filter(layer::equals).isPresent()).toList();
    }

    /** The simple class names of one layer's events with repeats of uploading collapsed: its state sequence. */
    public List<String> states(String layer) {
        List<String> states = new java.util.ArrayList<>();
        for (PushEvent event : of(layer)) {
            String name = event.getClass().getSimpleName();
            if (states.isEmpty() || !states.get(states.size() - 1).equals(name)) {
                states.add(name);
            }
        }
        return states;
    }

    /** The events of one type. */
    public <T extends PushEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
