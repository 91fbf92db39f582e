import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from './api.ts';

/**
 * What a form submits under: one `Idempotency-Key` and the client transaction ids derived from it.
 * The same intent sends the same key and the same ids, so a double click, a retry after a lost answer
 * or a resubmit of the same form can never create twice (the server replays the first answer).
 */
export interface Intent {
  /** The `Idempotency-Key` header value. */
  key: string;
  /** A client transaction id for the body (`intake:<key>`), stable for the intent. */
  txId: (prefix: string) => string;
}

function intentOf(key: string): Intent {
  return { key, txId: (prefix) => `${prefix}:${key}` };
}

export type IntentMutationOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, Error, TVariables>,
  'mutationFn'
> & {
  mutationFn: (variables: TVariables, intent: Intent) => Promise<TData>;
};

/**
 * The console's rule for every creating action (ARCHITECTURE.md, "One key per intent"): the key is
 * made when the form opens (the component mounts) and when it is reset for a new intent (`renew`),
 * kept for every attempt in between, and a second submit while one is pending is dropped here,
 * synchronously, before React has re-rendered the button as disabled.
 */
export function useIntentMutation<TData, TVariables = void>(
  options: IntentMutationOptions<TData, TVariables>,
) {
  const [key, setKey] = useState(newIdempotencyKey);
  const keyRef = useRef(key);
  keyRef.current = key;
  const busy = useRef(false);
  const { mutationFn, onSettled, ...rest } = options;
  const mutation = useMutation<TData, Error, TVariables>({
    ...rest,
    mutationFn: (variables) => mutationFn(variables, intentOf(keyRef.current)),
    onSettled: (...args) => {
      busy.current = false;
      return onSettled?.(...args);
    },
  });
  const { mutate: run } = mutation;
  const mutate = useCallback(
    (variables: TVariables) => {
      if (busy.current) return;
      busy.current = true;
      run(variables);
    },
    [run],
  );
  /** Starts a new intent: a new key (after a success, when the form is reset for the next one). */
  const renew = useCallback(() => {
    const next = newIdempotencyKey();
    keyRef.current = next;
    setKey(next);
    mutation.reset();
  }, [mutation.reset]);
  return { ...mutation, mutate, renew, intentKey: key };
}
