package io.dashtam.testing;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/** A bean built by hand for a second "replica" (on its own pool), with its declared transactions as Spring's own. */
public final class TestTransactions {

    private TestTransactions() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T proxied(T target, PlatformTransactionManager transactions) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAdvice(new TransactionInterceptor(transactions, new AnnotationTransactionAttributeSource()));
        return (T) factory.getProxy();
    }
}
